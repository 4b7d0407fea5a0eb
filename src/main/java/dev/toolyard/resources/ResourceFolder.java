package dev.toolyard.resources;

import java.time.Instant;

import dev.toolyard.shared.ResourceFolderId;

public record ResourceFolder(ResourceFolderId id, String name, Instant createdAt) {
}
