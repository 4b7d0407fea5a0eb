package dev.toolyard.identity;

import java.util.Optional;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import dev.toolyard.access.BuiltInGroup;
import dev.toolyard.access.PermissionGroups;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;
import dev.toolyard.spaces.SpaceManagement;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Turns the authenticated request into a {@link Caller}: who, in which space, through what. A
 * session's space is the one the person last chose, while they may still use it; a token's
 * space is fixed when it is made.
 */
@Component
public class CurrentCaller {

    static final String SPACE_ATTRIBUTE = "toolyard.space";
    private static final String REQUEST_ATTRIBUTE = CurrentCaller.class.getName();

    private final UserRepository users;
    private final SpaceManagement spaces;
    private final PermissionGroups groups;

    CurrentCaller(UserRepository users, SpaceManagement spaces, PermissionGroups groups) {
        this.users = users;
        this.spaces = spaces;
        this.groups = groups;
    }

    public Optional<Caller> resolve(HttpServletRequest request) {
        if (request.getAttribute(REQUEST_ATTRIBUTE) instanceof Caller cached) {
            return Optional.of(cached);
        }
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        Optional<Caller> caller = Optional.empty();
        if (authentication instanceof ApiTokenAuthentication byToken) {
            var token = byToken.token();
            caller = Optional.of(Caller.token(token.userId(), byToken.ownerLabel(), token.spaceId(),
                    isInstanceAdmin(token.userId()), token.scopes(), request.getRemoteAddr()));
        } else if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
            caller = currentSpace(request, user.id()).map(space -> Caller.session(user.id(), user.email(), space,
                    isInstanceAdmin(user.id()), request.getRemoteAddr()));
        }
        caller.ifPresent(found -> request.setAttribute(REQUEST_ATTRIBUTE, found));
        return caller;
    }

    /** Chooses the space a session starts in, at sign-in. */
    void selectDefaultSpace(HttpServletRequest request, UserId user) {
        users.defaultSpace(user, spaces.adminSpaceId())
                .ifPresent(space -> request.getSession().setAttribute(SPACE_ATTRIBUTE, space));
    }

    private Optional<SpaceId> currentSpace(HttpServletRequest request, UserId user) {
        var session = request.getSession(false);
        if (session != null && session.getAttribute(SPACE_ATTRIBUTE) instanceof SpaceId chosen
                && users.isEnabledIn(chosen, user)) {
            return Optional.of(chosen);
        }
        var fallback = users.defaultSpace(user, spaces.adminSpaceId());
        if (session != null) {
            fallback.ifPresent(space -> session.setAttribute(SPACE_ATTRIBUTE, space));
        }
        return fallback;
    }

    private boolean isInstanceAdmin(UserId user) {
        var adminSpace = spaces.adminSpaceId();
        return users.isEnabledIn(adminSpace, user) && groups.isMember(adminSpace, BuiltInGroup.ADMIN, user);
    }
}
