package dev.toolyard.apps;

import java.util.Locale;

import dev.toolyard.shared.InvalidInputException;

/** T-M1: an ordinary app, or a module that apps embed as a component. */
public enum AppKind {
    APP, MODULE;

    /** As stored and shown: {@code app} or {@code module}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code app} (also for null) or {@code module}; anything else is {@code app.kind_invalid}. */
    public static AppKind of(String value) {
        if (value == null || value.isBlank() || "app".equals(value)) {
            return APP;
        }
        if ("module".equals(value)) {
            return MODULE;
        }
        throw InvalidInputException.of("kind", "app.kind_invalid", "kind must be app or module");
    }
}
