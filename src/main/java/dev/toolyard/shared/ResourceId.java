package dev.toolyard.shared;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

public record ResourceId(UUID value) implements Serializable {

    public ResourceId {
        Objects.requireNonNull(value, "resource id must not be null");
    }

    public static ResourceId random() {
        return new ResourceId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
