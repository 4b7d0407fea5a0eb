package dev.toolyard.queries;

import java.util.Objects;
import java.util.UUID;

/** The id of an app's import of a library query. */
public record LibraryImportId(UUID value) {

    public LibraryImportId {
        Objects.requireNonNull(value, "id must not be null");
    }

    public static LibraryImportId random() {
        return new LibraryImportId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
