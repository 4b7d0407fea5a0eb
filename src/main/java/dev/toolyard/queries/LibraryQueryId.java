package dev.toolyard.queries;

import java.util.Objects;
import java.util.UUID;

/** The id of a query of the query library. */
public record LibraryQueryId(UUID value) {

    public LibraryQueryId {
        Objects.requireNonNull(value, "id must not be null");
    }

    public static LibraryQueryId random() {
        return new LibraryQueryId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
