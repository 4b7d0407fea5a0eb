package dev.toolyard.queries;

/**
 * One field of a stored query as the builder wrote it: its name as the resource kind knows it
 * ({@code sql}; or {@code method}, {@code path}, {@code query:<name>}, {@code header:<name>},
 * {@code body}) and its text with any {@code {{ }}} still unevaluated.
 */
public record FieldTemplate(String name, String template) {
}
