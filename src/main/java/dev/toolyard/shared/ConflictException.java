package dev.toolyard.shared;

import java.util.List;

/** The request is valid but clashes with the current state, e.g. a name already taken. */
public final class ConflictException extends ToolyardException {

    public ConflictException(String code, String message) {
        super(code, message, List.of());
    }

    public ConflictException(String code, String message, FieldProblem problem) {
        super(code, message, List.of(problem));
    }
}
