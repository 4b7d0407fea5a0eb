package dev.toolyard.themes;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

public record ThemeId(UUID value) {

    public ThemeId {
        Objects.requireNonNull(value, "theme id must not be null");
    }

    /** Empty for text that is no UUID: an app document may hold any string where a theme id belongs. */
    public static Optional<ThemeId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ThemeId(UUID.fromString(text)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
