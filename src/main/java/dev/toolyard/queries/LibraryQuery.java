package dev.toolyard.queries;

import java.time.Instant;

/**
 * A shared query of a space's library (T-Q1): its name (apps import it under that name unless
 * they choose another), what it is for, whether everyone with library access may use it, and
 * its newest version. Its content is in {@link LibraryVersion}s.
 */
public record LibraryQuery(LibraryQueryId id, String name, String description, boolean openToLibrary,
        int latestVersion, Instant createdAt, Instant updatedAt) {
}
