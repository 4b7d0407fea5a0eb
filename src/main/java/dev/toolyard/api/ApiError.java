package dev.toolyard.api;

import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.SourceFailedException;
import dev.toolyard.shared.TooLargeException;
import dev.toolyard.shared.ToolyardException;

/** A code with its HTTP status and title; domain codes get theirs from the exception's kind. */
public record ApiError(String code, int status, String title) {

    public static final ApiError NOT_FOUND = new ApiError("request.not_found", 404, "Not found");
    public static final ApiError METHOD_NOT_ALLOWED = new ApiError("request.method_not_allowed", 405, "Method not allowed");
    public static final ApiError UNSUPPORTED_MEDIA_TYPE = new ApiError("request.unsupported_media_type", 415, "Unsupported media type");
    public static final ApiError NOT_ACCEPTABLE = new ApiError("request.not_acceptable", 406, "Not acceptable");
    public static final ApiError MALFORMED_JSON = new ApiError("request.malformed_json", 400, "Malformed JSON");
    public static final ApiError TYPE_MISMATCH = new ApiError("request.type_mismatch", 400, "Wrong type");
    public static final ApiError MISSING_PARAMETER = new ApiError("request.missing_parameter", 400, "Missing parameter");
    public static final ApiError VALIDATION_FAILED = new ApiError("request.validation_failed", 400, "Validation failed");
    public static final ApiError BAD_REQUEST = new ApiError("request.bad_request", 400, "Bad request");
    public static final ApiError TOO_LARGE = new ApiError("request.too_large", 413, "Request too large");
    public static final ApiError AUTH_REQUIRED = new ApiError("auth.required", 401, "Authentication required");
    public static final ApiError TOKEN_INVALID = new ApiError("auth.token_invalid", 401, "Invalid access token");
    public static final ApiError CSRF_INVALID = new ApiError("auth.csrf_invalid", 403, "Missing or invalid CSRF token");
    public static final ApiError ACCESS_DENIED = new ApiError("access.denied", 403, "Forbidden");
    public static final ApiError INTERNAL = new ApiError("internal.error", 500, "Internal error");
    public static final ApiError UNAVAILABLE = new ApiError("service.unavailable", 503, "Service unavailable");

    static ApiError of(ToolyardException exception) {
        if (exception instanceof NotFoundException) {
            return new ApiError(exception.code(), 404, "Not found");
        }
        if (exception instanceof ConflictException) {
            return new ApiError(exception.code(), 409, "Conflict");
        }
        if (exception instanceof InvalidInputException) {
            return new ApiError(exception.code(), 400, "Invalid input");
        }
        if (exception instanceof ForbiddenException) {
            return new ApiError(exception.code(), 403, "Forbidden");
        }
        if (exception instanceof TooLargeException) {
            return new ApiError(exception.code(), 413, "Too large");
        }
        if (exception instanceof SourceFailedException failed) {
            return failed.timedOut() ? new ApiError(exception.code(), 504, "Data source timed out")
                    : new ApiError(exception.code(), 502, "Data source failed");
        }
        throw new IllegalArgumentException("Unknown kind of error: " + exception.getClass());
    }

    /** For errors that reach the servlet container's error page with only a status. */
    static ApiError ofStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> AUTH_REQUIRED;
            case 403 -> ACCESS_DENIED;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : new ApiError("request.failed", status, "Request failed");
        };
    }
}
