package dev.toolyard.themes;

import java.time.Instant;

/** A theme of a space; {@code isDefault}: the one apps without a theme of their own wear. */
public record Theme(ThemeId id, String name, ThemeMode mode, boolean isDefault, ThemeTokens tokens, String updatedBy,
        Instant updatedAt) {
}
