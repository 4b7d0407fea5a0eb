package dev.toolyard.shared;

/** What is wrong with one field of a request, for forms and the API alike. */
public record FieldProblem(String field, String code, String message) {
}
