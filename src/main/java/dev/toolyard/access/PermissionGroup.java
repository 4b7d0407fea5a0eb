package dev.toolyard.access;

import dev.toolyard.shared.SpaceId;

/** T-G1, T-G2: a group of a space; {@code builtIn} is null for custom groups. */
public record PermissionGroup(GroupId id, SpaceId spaceId, String name, BuiltInGroup builtIn) {

    public boolean custom() {
        return builtIn == null;
    }

    /** Viewer, Editor and Admin have fixed rules; All Users' grants can be edited like a custom group's. */
    public boolean grantsEditable() {
        return builtIn == null || builtIn == BuiltInGroup.ALL_USERS;
    }

    /** All Users' membership is automatic; every other group's can be edited. */
    public boolean membersEditable() {
        return builtIn != BuiltInGroup.ALL_USERS;
    }
}
