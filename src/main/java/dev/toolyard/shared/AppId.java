package dev.toolyard.shared;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

public record AppId(UUID value) implements Serializable {

    public AppId {
        Objects.requireNonNull(value, "app id must not be null");
    }

    public static AppId random() {
        return new AppId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
