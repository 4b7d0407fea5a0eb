package dev.toolyard.themes;

import java.util.Locale;

import dev.toolyard.shared.InvalidInputException;

/** Light or dark: the browser's colour scheme (form controls, scroll bars) follows it. */
public enum ThemeMode {
    LIGHT, DARK;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ThemeMode of(String value) {
        for (var mode : values()) {
            if (mode.value().equals(value)) {
                return mode;
            }
        }
        throw InvalidInputException.of("mode", "theme.invalid_mode", "mode must be light or dark");
    }
}
