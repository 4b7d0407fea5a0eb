package dev.toolyard.resources;

import java.time.Instant;

import dev.toolyard.access.AccessLevel;
import dev.toolyard.shared.ResourceFolderId;
import dev.toolyard.shared.ResourceId;

/** A resource, where it sits ({@code folderId} null at the root) and the caller's level on it. */
public record Resource(ResourceId id, ResourceFolderId folderId, String name, ResourceKind kind, Instant createdAt,
        AccessLevel level) {
}
