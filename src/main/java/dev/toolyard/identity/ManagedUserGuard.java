package dev.toolyard.identity;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/**
 * Keeps admins' hands off what an identity provider owns (T-ID5): a provisioned user's state is
 * changed only by the provider, or two sources of truth would undo each other's changes.
 */
@Component
class ManagedUserGuard {

    private final ObjectProvider<ManagedUsers> managed;

    ManagedUserGuard(ObjectProvider<ManagedUsers> managed) {
        this.managed = managed;
    }

    /** Who keeps the user's record ("SCIM"), or null when admins do. */
    String managerOf(SpaceId space, UserId user) {
        var provider = managed.getIfAvailable();
        return provider != null && provider.isManaged(space, user) ? provider.managerName() : null;
    }

    void requireUnmanaged(SpaceId space, UserId user, String email) {
        String manager = managerOf(space, user);
        if (manager != null) {
            throw new ConflictException("user.managed", email + " is provisioned by the identity provider through "
                    + manager + "; change their e-mail, names and state there.");
        }
    }
}
