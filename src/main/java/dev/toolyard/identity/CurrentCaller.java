package dev.toolyard.identity;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
 * enabled is read from the database on every request. A session signed in with a password alone
 * does not enter a space that requires two-factor (T-ID1), nor act as instance admin when the
 * admin space requires it; and a session enters only the spaces its way of signing in admits
 * ({@link SpaceEntryPolicy}: single sign-on's Require SSO and the reach of a space's IdP, T-ID2).
 */
@Component
public class CurrentCaller {

    static final String SPACE_ATTRIBUTE = "toolyard.space";
    private static final String REQUEST_ATTRIBUTE = CurrentCaller.class.getName();

    private final UserRepository users;
    private final SpaceManagement spaces;
    private final AccessEngine engine;
    private final TwoFactorRepository twoFactor;
    private final ObjectProvider<SpaceEntryPolicy> policies;
    private final Clock clock;

    CurrentCaller(UserRepository users, SpaceManagement spaces, AccessEngine engine, TwoFactorRepository twoFactor,
            ObjectProvider<SpaceEntryPolicy> policies, Clock clock) {
        this.users = users;
        this.spaces = spaces;
        this.engine = engine;
        this.twoFactor = twoFactor;
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
     * admins; for a session, only those its way of signing in admits (T-ID2), and for a password
     * session none that requires two-factor (T-ID1).
     */
    public List<Space> switchableSpaces(Caller caller) {
        var enabled = users.enabledSpaces(caller.userId());
        var signedIn = signedInUser();
        var open = spaces.all().stream()
                .filter(space -> caller.instanceAdmin() || enabled.contains(space.id()))
                .filter(space -> signedIn.map(user -> admits(space.id(), user)).orElse(true))
                .toList();
        if (signedIn.map(user -> !passwordOnly(user)).orElse(true)) {
            return open;
        }
        var closed = twoFactor.requiring(open.stream().map(Space::id).toList());
        return open.stream().filter(space -> !closed.contains(space.id())).toList();
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
     * Whether a sign-in leaves the person some space to be in: not when every space they are
     * enabled in requires SSO (T-ID2). Asked once the password (and second factor) is verified.
     * Two-factor requirements do not count here: a person who must enrol signs in to enrol.
     */
    boolean hasSpaceFor(SignedInUser user) {
        return users.enabledSpacesInOrder(user.id(), spaces.adminSpaceId()).stream()
                .anyMatch(space -> admits(space, user));
    }

    private Optional<SpaceId> currentSpace(HttpServletRequest request, SignedInUser user, boolean instanceAdmin) {
        var session = request.getSession(false);
        if (session != null && session.getAttribute(SPACE_ATTRIBUTE) instanceof SpaceId chosen
                && (users.isEnabledIn(chosen, user.id()) || instanceAdmin && spaces.exists(chosen))
                && admits(chosen, user)) {
            if (!(passwordOnly(user) && twoFactor.requiredIn(chosen))) {
                return Optional.of(chosen);
            }
            // The space started requiring two-factor during this password session: lead the person to enrol.
            TwoFactorSessions.requireEnrolment(request);
        }
        var fallback = defaultSpace(user);
        if (session != null) {
            fallback.ifPresent(space -> session.setAttribute(SPACE_ATTRIBUTE, space));
        }
        return fallback;
    }

    /**
     * The admin space when the person is in it, else their oldest space; among those the session
     * may enter (SSO, T-ID2) and, for a password session, that do not require two-factor (T-ID1).
     */
    private Optional<SpaceId> defaultSpace(SignedInUser user) {
        var candidates = users.enabledSpacesInOrder(user.id(), spaces.adminSpaceId()).stream()
                .filter(space -> admits(space, user))
                .toList();
        var closed = passwordOnly(user) ? twoFactor.requiring(candidates) : Set.<SpaceId>of();
        return candidates.stream().filter(space -> !closed.contains(space)).findFirst();
    }

    /**
     * An instance admin's session must be one the admin space admits: another space's IdP cannot
     * make one, nor a password alone when the admin space requires two-factor.
     */
    private boolean isInstanceAdmin(SignedInUser user) {
        var adminSpace = spaces.adminSpaceId();
        return users.isEnabledIn(adminSpace, user.id()) && engine.isMember(adminSpace, BuiltInGroup.ADMIN, user.id())
                && admits(adminSpace, user) && !(passwordOnly(user) && twoFactor.requiredIn(adminSpace));
    }

    private boolean isSpaceAdmin(SpaceId space, UserId user) {
        return users.isEnabledIn(space, user) && engine.isMember(space, BuiltInGroup.ADMIN, user);
    }

    private boolean admits(SpaceId space, SignedInUser user) {
        var policy = policies.getIfAvailable();
        return policy == null || policy.admits(space, user.id(), user.method(), user.ssoSpace());
    }

    private static boolean passwordOnly(SignedInUser user) {
        return user.method() == SignInMethod.PASSWORD;
    }

    private static Optional<SignedInUser> signedInUser() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof SignedInUser user
                ? Optional.of(user) : Optional.empty();
    }
}
