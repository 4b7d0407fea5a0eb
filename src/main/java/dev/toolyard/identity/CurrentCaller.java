package dev.toolyard.identity;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

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
 * admin space requires it.
 */
@Component
public class CurrentCaller {

    static final String SPACE_ATTRIBUTE = "toolyard.space";
    private static final String REQUEST_ATTRIBUTE = CurrentCaller.class.getName();

    private final UserRepository users;
    private final SpaceManagement spaces;
    private final AccessEngine engine;
    private final TwoFactorRepository twoFactor;
    private final Clock clock;

    CurrentCaller(UserRepository users, SpaceManagement spaces, AccessEngine engine, TwoFactorRepository twoFactor,
            Clock clock) {
        this.users = users;
        this.spaces = spaces;
        this.engine = engine;
        this.twoFactor = twoFactor;
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
            boolean passwordOnly = user.method() == SignInMethod.PASSWORD;
            boolean instanceAdmin = isInstanceAdmin(user.id())
                    && !(passwordOnly && twoFactor.requiredIn(spaces.adminSpaceId()));
            caller = currentSpace(request, user.id(), instanceAdmin, passwordOnly).map(space -> Caller.session(user.id(),
                    user.email(), space, instanceAdmin, instanceAdmin || isSpaceAdmin(space, user.id()),
                    request.getRemoteAddr()));
            caller.ifPresent(found -> users.touchActivity(found.spaceId(), found.userId(), clock.instant()));
        }
        caller.ifPresent(found -> request.setAttribute(REQUEST_ATTRIBUTE, found));
        return caller;
    }

    /** The spaces a person may switch to: where they are enabled, and every space for instance admins. */
    public List<Space> switchableSpaces(Caller caller) {
        var enabled = users.enabledSpaces(caller.userId());
        var open = spaces.all().stream()
                .filter(space -> caller.instanceAdmin() || enabled.contains(space.id()))
                .toList();
        if (!passwordOnly()) {
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
    void selectDefaultSpace(HttpServletRequest request, UserId user) {
        defaultSpace(user, passwordOnly())
                .ifPresent(space -> request.getSession().setAttribute(SPACE_ATTRIBUTE, space));
    }

    private Optional<SpaceId> currentSpace(HttpServletRequest request, UserId user, boolean instanceAdmin,
            boolean passwordOnly) {
        var session = request.getSession(false);
        if (session != null && session.getAttribute(SPACE_ATTRIBUTE) instanceof SpaceId chosen
                && (users.isEnabledIn(chosen, user) || instanceAdmin && spaces.exists(chosen))) {
            if (!(passwordOnly && twoFactor.requiredIn(chosen))) {
                return Optional.of(chosen);
            }
            // The space started requiring two-factor during this password session: lead the person to enrol.
            TwoFactorSessions.requireEnrolment(request);
        }
        var fallback = defaultSpace(user, passwordOnly);
        if (session != null) {
            fallback.ifPresent(space -> session.setAttribute(SPACE_ATTRIBUTE, space));
        }
        return fallback;
    }

    private Optional<SpaceId> defaultSpace(UserId user, boolean passwordOnly) {
        return passwordOnly ? twoFactor.defaultSpaceWithoutRequirement(user, spaces.adminSpaceId())
                : users.defaultSpace(user, spaces.adminSpaceId());
    }

    /** Whether the request's session was signed in with a password alone. */
    private static boolean passwordOnly() {
        return TwoFactorSessions.passwordOnly().isPresent();
    }

    private boolean isInstanceAdmin(UserId user) {
        var adminSpace = spaces.adminSpaceId();
        return users.isEnabledIn(adminSpace, user) && engine.isMember(adminSpace, BuiltInGroup.ADMIN, user);
    }

    private boolean isSpaceAdmin(SpaceId space, UserId user) {
        return users.isEnabledIn(space, user) && engine.isMember(space, BuiltInGroup.ADMIN, user);
    }
}
