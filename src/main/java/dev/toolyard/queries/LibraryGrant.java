package dev.toolyard.queries;

import dev.toolyard.access.GroupId;

/** A group's right on one library query (T-Q1). */
public record LibraryGrant(GroupId groupId, String groupName, LibraryLevel level) {
}
