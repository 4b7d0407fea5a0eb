package dev.toolyard.access;

/** T-G4: a group with how many members, apps and resources it has. */
public record GroupSummary(PermissionGroup group, long members, int apps, int resources) {
}
