package dev.toolyard.shared;

import java.util.List;

/** The object does not exist, or exists in another space: both look the same (T-SP2). */
public final class NotFoundException extends ToolyardException {

    public NotFoundException(String code, String message) {
        super(code, message, List.of());
    }
}
