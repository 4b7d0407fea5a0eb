package dev.toolyard.apps;

import java.time.Instant;

import dev.toolyard.shared.AppId;
import dev.toolyard.shared.FolderId;

/**
 * An app and where it sits; {@code folderId} is null at the root of the space. {@code kind} is
 * {@link AppKind#MODULE} for a module (T-M1), which other apps embed as a component.
 */
public record App(AppId id, FolderId folderId, String name, AppKind kind, Instant createdAt) {

    public boolean module() {
        return kind == AppKind.MODULE;
    }
}
