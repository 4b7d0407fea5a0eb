package dev.toolyard.shared;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

public record ResourceFolderId(UUID value) implements Serializable {

    public ResourceFolderId {
        Objects.requireNonNull(value, "resource folder id must not be null");
    }

    public static ResourceFolderId random() {
        return new ResourceFolderId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
