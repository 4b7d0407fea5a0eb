package dev.toolyard.shared;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

public record FolderId(UUID value) implements Serializable {

    public FolderId {
        Objects.requireNonNull(value, "folder id must not be null");
    }

    public static FolderId random() {
        return new FolderId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
