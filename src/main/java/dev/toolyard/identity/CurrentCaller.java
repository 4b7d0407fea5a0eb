package dev.toolyard.identity;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import dev.toolyard.access.AccessEngine;
import dev.toolyard.access.BuiltInGroup;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;
import dev.toolyard.spaces.Space;
import dev.toolyard.spaces.SpaceManagement;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Turns the authenticated request into a {@link Caller}: who, in which space, through what. A
 * session's space is the one the person last chose, re-checked on every request, so a person
 * disabled in a space loses it at once; a token's space is fixed when it is made. Instance admins
 * may enter every space (T-SP4), to appoint its admins. Admin group membership comes from the
 * access engine's snapshot, which every node drops when groups change; whether the person is
 * enabled is read from the database on every request.
 */
@Component
public class CurrentCaller {

    static final String SPACE_ATTRIBUTE = "toolyard.space";
    private static final String REQUEST_ATTRIBUTE = CurrentCaller.class.getName();

    private final UserRepository users;
    private final SpaceManagement spaces;
    private final AccessEngine engine;
    private final ObjectProvider<SpaceEntryPolicy> policies;
    private final Clock clock;

    CurrentCaller(UserRepository users, SpaceManagement spaces, AccessEngine engine,
            ObjectProvider<SpaceEntryPolicy> policies, Clock clock) {
        this.users = users;
        this.spaces = spaces;
        this.engine = engine;
        this.policies = policies;
        this.clock = clock;
    }

    public Optional<Caller> resolve(HttpServletRequest request) {
        if (request.getAttribute(REQUEST_ATTRIBUTE) instanceof Caller cached) {
            return Optional.of(cached);
        }
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        Optional<Caller> caller = Optional.empty();
        if (authentication instanceof ApiTokenAuthentication byToken) {
            // The token's lookup already read whether its owner is enabled here and in the admin space.
            var presented = byToken.presented();
            var token = presented.token();
            boolean instanceAdmin = presented.enabledInAdminSpace()
                    && engine.isMember(spaces.adminSpaceId(), BuiltInGroup.ADMIN, token.userId());
            caller = Optional.of(Caller.token(token.userId(), presented.ownerEmail(), token.spaceId(), instanceAdmin,
                    instanceAdmin || engine.isMember(token.spaceId(), BuiltInGroup.ADMIN, token.userId()),
                    token.scopes(), request.getRemoteAddr()));
            var now = clock.instant();
            if (Activity.due(presented.lastActiveAt(), now)) {
                users.touchActivity(token.spaceId(), token.userId(), now);
            }
        } else if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
            boolean instanceAdmin = isInstanceAdmin(user);
            caller = currentSpace(request, user, instanceAdmin).map(space -> Caller.session(user.id(),
                    user.email(), space, instanceAdmin, instanceAdmin || isSpaceAdmin(space, user.id()),
                    request.getRemoteAddr(), user.claims()));
            caller.ifPresent(found -> users.touchActivity(found.spaceId(), found.userId(), clock.instant()));
        }
        caller.ifPresent(found -> request.setAttribute(REQUEST_ATTRIBUTE, found));
        return caller;
    }

    /**
     * The spaces a person may switch to: where they are enabled, and every space for instance
     * admins; for a session, only those its way of signing in admits (T-ID2).
     */
    public List<Space> switchableSpaces(Caller caller) {
        var enabled = users.enabledSpaces(caller.userId());
        var signedIn = signedInUser();
        return spaces.all().stream()
                .filter(space -> caller.instanceAdmin() || enabled.contains(space.id()))
                .filter(space -> signedIn.map(user -> admits(space.id(), user)).orElse(true))
                .toList();
    }

    /** T-SP3: switching space keeps the sign-in; only the session's current space changes. */
    public void switchTo(HttpServletRequest request, Caller caller, SpaceId space) {
        if (switchableSpaces(caller).stream().noneMatch(candidate -> candidate.id().equals(space))) {
            throw new NotFoundException("space.not_found", "There is no space " + space + ".");
        }
        request.getSession().setAttribute(SPACE_ATTRIBUTE, space);
        request.removeAttribute(REQUEST_ATTRIBUTE);
    }

    /** Chooses the space a session starts in, at sign-in. */
    void selectDefaultSpace(HttpServletRequest request, SignedInUser user) {
        defaultSpace(user).ifPresent(space -> request.getSession().setAttribute(SPACE_ATTRIBUTE, space));
    }

    /**
     * Whether a password sign-in leaves the person some space to be in: not when every space they
     * are enabled in requires SSO (T-ID2). Asked once the password is verified.
     */
    boolean hasSpaceFor(SignedInUser user) {
        return defaultSpace(user).isPresent();
    }

    private Optional<SpaceId> currentSpace(HttpServletRequest request, SignedInUser user, boolean instanceAdmin) {
        var session = request.getSession(false);
        if (session != null && session.getAttribute(SPACE_ATTRIBUTE) instanceof SpaceId chosen
                && (users.isEnabledIn(chosen, user.id()) || instanceAdmin && spaces.exists(chosen))
                && admits(chosen, user)) {
            return Optional.of(chosen);
        }
        var fallback = defaultSpace(user);
        if (session != null) {
            fallback.ifPresent(space -> session.setAttribute(SPACE_ATTRIBUTE, space));
        }
        return fallback;
    }

    /** The admin space when the person is in it, else their oldest space; among those the session may enter. */
    private Optional<SpaceId> defaultSpace(SignedInUser user) {
        return users.enabledSpacesInOrder(user.id(), spaces.adminSpaceId()).stream()
                .filter(space -> admits(space, user))
                .findFirst();
    }

    /** An instance admin's session must be one the admin space admits: another space's IdP cannot make one. */
    private boolean isInstanceAdmin(SignedInUser user) {
        var adminSpace = spaces.adminSpaceId();
        return users.isEnabledIn(adminSpace, user.id()) && engine.isMember(adminSpace, BuiltInGroup.ADMIN, user.id())
                && admits(adminSpace, user);
    }

    private boolean admits(SpaceId space, SignedInUser user) {
        var policy = policies.getIfAvailable();
        return policy == null || policy.admits(space, user.id(), user.method(), user.ssoSpace());
    }

    private static Optional<SignedInUser> signedInUser() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof SignedInUser user
                ? Optional.of(user) : Optional.empty();
    }

    private boolean isSpaceAdmin(SpaceId space, UserId user) {
        return users.isEnabledIn(space, user) && engine.isMember(space, BuiltInGroup.ADMIN, user);
    }
}
