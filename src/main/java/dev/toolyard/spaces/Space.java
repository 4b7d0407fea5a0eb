package dev.toolyard.spaces;

import java.time.Instant;

import dev.toolyard.shared.SpaceId;

public record Space(SpaceId id, String name, boolean adminSpace, Instant createdAt, Instant updatedAt) {
}
