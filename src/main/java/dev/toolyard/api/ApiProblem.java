package dev.toolyard.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.toolyard.shared.FieldProblem;

/**
 * The one error body of the API (T-API3), an RFC 9457 problem with a stable {@code code} and,
 * for validation, one entry per field in {@code errors}. Sent as {@code application/problem+json}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiProblem(String type, String title, int status, String code, String detail, String instance,
        List<FieldProblem> errors) {

    static final String TYPE_BASE = "https://toolyard.dev/problems/";

    public static ApiProblem of(ApiError error, String detail, String instance, List<FieldProblem> errors) {
        return new ApiProblem(TYPE_BASE + error.code(), error.title(), error.status(), error.code(), detail, instance,
                errors);
    }
}
