package dev.toolyard.scim;

import java.util.EnumSet;

import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.Caller;

/**
 * Who provisions: the token's owner, who must be an admin of the token's space, with the scope
 * {@code scim}. The scope stands for the group changes SCIM makes, so the caller handed to
 * {@code GroupManagement} carries the groups scopes; its label says SCIM, so every audit entry of
 * a provisioning request reads "SCIM (owner)".
 */
final class ScimCallers {

    private ScimCallers() {
    }

    static Caller of(Caller caller) {
        caller.requireScope(ApiScope.SCIM);
        caller.requireSpaceAdmin();
        var scopes = EnumSet.noneOf(ApiScope.class);
        scopes.addAll(caller.scopes());
        scopes.add(ApiScope.GROUPS_READ);
        scopes.add(ApiScope.GROUPS_WRITE);
        return new Caller(caller.userId(), "SCIM (" + caller.label() + ")", caller.spaceId(), caller.instanceAdmin(),
                caller.spaceAdmin(), caller.channel(), scopes, caller.clientAddress(), caller.claims());
    }
}
