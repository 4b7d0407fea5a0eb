package dev.toolyard.queries;

import java.time.Instant;

import dev.toolyard.shared.AppId;

/**
 * An app's reference to a library query (T-Q1), under {@code name} in the app. Pinned to
 * {@code pinnedVersion}, or following the latest when it is null; {@code resolvedVersion} is the
 * version a run would use now.
 */
public record LibraryImport(LibraryImportId id, AppId appId, LibraryQueryId queryId, String queryName, String name,
        Integer pinnedVersion, int resolvedVersion, Instant createdAt, Instant updatedAt) {

    public boolean followsLatest() {
        return pinnedVersion == null;
    }
}
