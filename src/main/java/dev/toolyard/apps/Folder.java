package dev.toolyard.apps;

import java.time.Instant;

import dev.toolyard.shared.FolderId;

public record Folder(FolderId id, String name, Instant createdAt) {
}
