package dev.toolyard.scim;

import java.time.Clock;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.toolyard.access.GroupChanged;
import dev.toolyard.identity.ManagedUsers;
import dev.toolyard.identity.UserChanged;
import dev.toolyard.identity.UserState;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/**
 * Tells identity which users SCIM keeps (their row in {@code scim_users}), and keeps SCIM's copy in
 * step with changes made elsewhere: identity's and access's events arrive synchronously, in the
 * changing transaction, so the copy commits with the change. A change from the console is a new
 * version for the provider.
 */
@Component
class ScimManagedUsers implements ManagedUsers {

    private final ScimUserRepository users;
    private final ScimGroupRepository groups;
    private final Clock clock;

    ScimManagedUsers(ScimUserRepository users, ScimGroupRepository groups, Clock clock) {
        this.users = users;
        this.groups = groups;
        this.clock = clock;
    }

    @Override
    public boolean isManaged(SpaceId space, UserId user) {
        return users.exists(space, user.value());
    }

    @Override
    public String managerName() {
        return "SCIM";
    }

    @EventListener
    void userChanged(UserChanged change) {
        var user = change.user();
        var state = user.state();
        users.refreshIdentity(change.caller().spaceId(), user.id().value(), user.email(), user.firstName(),
                user.lastName(), state == UserState.ENABLED ? Boolean.TRUE : state == UserState.DISABLED ? Boolean.FALSE
                        : null, clock.instant());
    }

    @EventListener
    void groupChanged(GroupChanged change) {
        if (!change.action().equals("group.deleted")) {
            groups.touch(change.group().id().value(), change.group().name(), clock.instant());
        }
    }
}
