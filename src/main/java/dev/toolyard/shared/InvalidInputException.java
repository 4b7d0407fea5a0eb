package dev.toolyard.shared;

import java.util.List;

/** Input that can never succeed as given; the field problems say what to change. */
public final class InvalidInputException extends ToolyardException {

    public InvalidInputException(String code, String message, List<FieldProblem> fieldProblems) {
        super(code, message, fieldProblems);
    }

    public static InvalidInputException of(String field, String code, String message) {
        return new InvalidInputException(code, message, List.of(new FieldProblem(field, code, message)));
    }
}
