package dev.toolyard.sso;

import dev.toolyard.access.GroupId;

/** T-ID4: one rule, "a person whose IdP groups hold {@code idpValue} is a member of {@code group}". */
public record RoleMapping(String idpValue, GroupId group, String groupName) {
}
