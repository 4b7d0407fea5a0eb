package dev.toolyard.api;

import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import dev.toolyard.shared.FieldProblem;
import dev.toolyard.shared.ToolyardException;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.DatabindException;

/**
 * The one place where exceptions of API controllers become {@link ApiProblem}s (T-API3). Errors
 * raised before a controller is chosen reach {@link ErrorEndpoint} instead.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ToolyardException.class)
    ResponseEntity<ApiProblem> domain(ToolyardException e, HttpServletRequest request) {
        return problem(ApiError.of(e), e.getMessage(), request, e.fieldProblems());
    }

    @ExceptionHandler(BindException.class)
    ResponseEntity<ApiProblem> validation(BindException e, HttpServletRequest request) {
        var errors = e.getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), "field." + codeOf(error.getCode()),
                        error.getDefaultMessage()))
                .toList();
        return problem(ApiError.VALIDATION_FAILED, "The request has invalid fields.", request, errors);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiProblem> parameterValidation(HandlerMethodValidationException e, HttpServletRequest request) {
        var errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldProblem(result.getMethodParameter().getParameterName(),
                                "field." + codeOf(error.getCodes() == null ? null : error.getCodes()[error.getCodes().length - 1]),
                                error.getDefaultMessage())))
                .toList();
        return problem(ApiError.VALIDATION_FAILED, "The request has invalid parameters.", request, errors);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiProblem> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        if (causedBy(e, RequestTooLargeException.class)) {
            return problem(ApiError.TOO_LARGE, rootMessage(e), request, List.of());
        }
        var databind = findCause(e, DatabindException.class);
        if (databind != null && !databind.getPath().isEmpty()) {
            String path = pathOf(databind);
            return problem(ApiError.TYPE_MISMATCH, "The field '" + path + "' has the wrong type.", request,
                    List.of(new FieldProblem(path, "field.type_mismatch", "has the wrong type")));
        }
        return problem(ApiError.MALFORMED_JSON, "The request body is not valid JSON.", request, List.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiProblem> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        String expected = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
        return problem(ApiError.TYPE_MISMATCH, "The parameter '" + e.getName() + "' must be a " + expected + ".",
                request, List.of(new FieldProblem(e.getName(), "field.type_mismatch", "must be a " + expected)));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiProblem> missingParameter(MissingServletRequestParameterException e, HttpServletRequest request) {
        return problem(ApiError.MISSING_PARAMETER, "The parameter '" + e.getParameterName() + "' is required.",
                request, List.of(new FieldProblem(e.getParameterName(), "field.required", "is required")));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiProblem> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return problem(ApiError.METHOD_NOT_ALLOWED, "This resource does not support " + e.getMethod() + ".", request,
                List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiProblem> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return problem(ApiError.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.", request, List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiProblem> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        return problem(ApiError.NOT_ACCEPTABLE, "This resource answers in application/json only.", request,
                List.of());
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ApiProblem> unauthenticated(AuthenticationException e, HttpServletRequest request) {
        return problem(ApiError.AUTH_REQUIRED, "Sign in or send an access token.", request, List.of());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiProblem> denied(AccessDeniedException e, HttpServletRequest request) {
        return problem(ApiError.ACCESS_DENIED, "You are not allowed to do this.", request, List.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiProblem> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return problem(ApiError.INTERNAL, "Something went wrong on the server. It has been logged.", request,
                List.of());
    }

    private static ResponseEntity<ApiProblem> problem(ApiError error, String detail, HttpServletRequest request,
            List<FieldProblem> errors) {
        return ResponseEntity.status(error.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ApiProblem.of(error, detail, request.getRequestURI(), errors));
    }

    private static String pathOf(DatabindException e) {
        var path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String codeOf(String constraint) {
        if (constraint == null) {
            return "invalid";
        }
        return switch (constraint) {
            case "NotBlank", "NotNull", "NotEmpty" -> "required";
            case "Size", "Length" -> "size";
            case "Email" -> "email";
            case "Future", "FutureOrPresent" -> "future";
            default -> constraint.toLowerCase(Locale.ROOT);
        };
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return findCause(e, type) != null;
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
