package dev.toolyard.shared;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

public record SpaceId(UUID value) implements Serializable {

    public SpaceId {
        Objects.requireNonNull(value, "space id must not be null");
    }

    public static SpaceId random() {
        return new SpaceId(UUID.randomUUID());
    }

    public static SpaceId parse(String text) {
        return new SpaceId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
