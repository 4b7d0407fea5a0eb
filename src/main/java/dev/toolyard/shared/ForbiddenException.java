package dev.toolyard.shared;

import java.util.List;

/** The caller is known but may not do this. */
public final class ForbiddenException extends ToolyardException {

    public ForbiddenException(String code, String message) {
        super(code, message, List.of());
    }

    public static ForbiddenException denied() {
        return new ForbiddenException("access.denied", "You are not allowed to do this.");
    }
}
