package dev.toolyard.shared;

import java.util.List;
import java.util.Objects;

/**
 * A broken precondition or a refused action, with a stable machine code (T-API3). The api
 * module maps each subclass to one HTTP status; nothing else decides how an error looks.
 */
public abstract sealed class ToolyardException extends RuntimeException
        permits NotFoundException, ConflictException, InvalidInputException, ForbiddenException,
        SourceFailedException, TooLargeException {

    private final String code;
    private final List<FieldProblem> fieldProblems;

    protected ToolyardException(String code, String message, List<FieldProblem> fieldProblems) {
        super(message);
        this.code = Objects.requireNonNull(code, "code must not be null");
        this.fieldProblems = List.copyOf(fieldProblems);
    }

    public String code() {
        return code;
    }

    public List<FieldProblem> fieldProblems() {
        return fieldProblems;
    }
}
