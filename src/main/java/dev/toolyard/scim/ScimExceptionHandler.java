package dev.toolyard.scim;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.TooLargeException;
import dev.toolyard.shared.ToolyardException;

/**
 * Errors of SCIM requests as RFC 7644 §3.12 wants them ({@code schemas}, {@code status},
 * {@code scimType}, {@code detail}, {@code application/scim+json}), for this module's controllers
 * only; the rest of the API keeps its problem JSON.
 */
@RestControllerAdvice(basePackageClasses = ScimExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ScimExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ScimExceptionHandler.class);

    private static final Map<String, String> SCIM_TYPES = Map.of(
            Scim.INVALID_FILTER, "invalidFilter", Scim.INVALID_PATH, "invalidPath", Scim.NO_TARGET, "noTarget",
            Scim.INVALID_VALUE, "invalidValue", Scim.INVALID_SYNTAX, "invalidSyntax", Scim.MUTABILITY, "mutability",
            Scim.UNIQUENESS, "uniqueness", "user.email_taken", "uniqueness", "group.name_taken", "uniqueness",
            "user.identity_shared", "mutability");

    @ExceptionHandler(ToolyardException.class)
    ResponseEntity<Map<String, Object>> domain(ToolyardException e) {
        HttpStatus status;
        if (e instanceof NotFoundException) {
            status = HttpStatus.NOT_FOUND;
        } else if (e instanceof ForbiddenException) {
            status = HttpStatus.FORBIDDEN;
        } else if (e instanceof ConflictException) {
            status = e.code().equals(Scim.VERSION_MISMATCH) ? HttpStatus.PRECONDITION_FAILED : HttpStatus.CONFLICT;
        } else if (e instanceof TooLargeException) {
            status = HttpStatus.CONTENT_TOO_LARGE;
        } else if (e instanceof InvalidInputException) {
            status = HttpStatus.BAD_REQUEST;
        } else {
            status = HttpStatus.BAD_GATEWAY;
        }
        String scimType = SCIM_TYPES.get(e.code());
        if (scimType == null && status == HttpStatus.BAD_REQUEST) {
            scimType = "invalidValue";
        }
        return ScimErrorBody.response(status, scimType, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return ScimErrorBody.response(HttpStatus.BAD_REQUEST, "invalidSyntax", "The request body is not valid JSON.");
    }

    @ExceptionHandler({ MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class })
    ResponseEntity<Map<String, Object>> badParameter(Exception e) {
        return ScimErrorBody.response(HttpStatus.BAD_REQUEST, "invalidValue", "A query parameter is not valid.");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
        return ScimErrorBody.response(HttpStatus.UNSUPPORTED_MEDIA_TYPE, null,
                "Send application/scim+json or application/json.");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
        return ScimErrorBody.response(HttpStatus.METHOD_NOT_ALLOWED, null, e.getMethod() + " is not supported here.");
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Map<String, Object>> unexpected(RuntimeException e) {
        log.error("SCIM request failed", e);
        return ScimErrorBody.response(HttpStatus.INTERNAL_SERVER_ERROR, null, "The request failed on the server.");
    }
}
