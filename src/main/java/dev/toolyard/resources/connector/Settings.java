package dev.toolyard.resources.connector;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A configuration as a connector reads it: {@code values} may be shown (JSON-like, no nulls);
 * {@code secrets} are the write-only fields in clear, by field name, held in memory only for a
 * save, a test or a run (and, for runs, with the pool of that configuration revision) and never
 * returned, logged or audited.
 */
public record Settings(Map<String, Object> values, Map<String, String> secrets) {

    public static final Settings NONE = new Settings(Map.of(), Map.of());

    public Settings {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        secrets = Map.copyOf(secrets);
    }

    public String text(String name) {
        Object value = values.get(name);
        return value == null ? null : value.toString();
    }

    public int number(String name, int fallback) {
        return values.get(name) instanceof Number number ? number.intValue() : fallback;
    }

    public String secret(String name) {
        return secrets.get(name);
    }

    /** Names the secrets, never their values, whatever prints this. */
    @Override
    public String toString() {
        return "Settings[values=" + values + ", secrets=" + secrets.keySet() + "]";
    }
}
