package dev.toolyard.shared;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

public record UserId(UUID value) implements Serializable {

    /** Toolyard itself ({@link Caller#system}): the nil UUID, which no random user id can be. */
    public static final UserId SYSTEM = new UserId(new UUID(0, 0));

    public UserId {
        Objects.requireNonNull(value, "user id must not be null");
    }

    public static UserId random() {
        return new UserId(UUID.randomUUID());
    }

    public static UserId parse(String text) {
        return new UserId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
