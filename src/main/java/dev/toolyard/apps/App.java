package dev.toolyard.apps;

import java.time.Instant;

import dev.toolyard.shared.AppId;
import dev.toolyard.shared.FolderId;

/** An app and where it sits; {@code folderId} is null at the root of the space. */
public record App(AppId id, FolderId folderId, String name, Instant createdAt) {
}
