package dev.toolyard.queries;

import java.util.Objects;
import java.util.UUID;

/** The id of an app's query. */
public record QueryId(UUID value) {

    public QueryId {
        Objects.requireNonNull(value, "id must not be null");
    }

    public static QueryId random() {
        return new QueryId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
