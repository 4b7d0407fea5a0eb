package dev.toolyard.access;

import java.util.List;
import java.util.Optional;

/**
 * T-A8: why a person has the level they have on an object: every group and grant that
 * contributes, and which one wins (the highest; the first such when several tie).
 */
public record AccessExplanation(AccessObject object, Optional<AccessLevel> effective, List<Contribution> contributions) {

    /** {@code source}: "built-in rule", "global grant", "folder grant", "app grant", "resource grant"… */
    public record Contribution(GroupId group, String groupName, String source, AccessLevel level, boolean winner) {
    }
}
