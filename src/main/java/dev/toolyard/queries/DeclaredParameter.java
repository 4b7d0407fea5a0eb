package dev.toolyard.queries;

/**
 * A parameter a library query declares (T-Q1): what an app or the library passes in when it runs
 * the query. {@code defaultValue} is a JSON-like value (null, String, Number, Boolean, List, Map)
 * or null for none. A {@code secret} parameter's values are never logged or audited, so it has
 * no stored default either: a default would be a secret kept in plain text.
 */
public record DeclaredParameter(String name, String description, Object defaultValue, boolean secret) {
}
