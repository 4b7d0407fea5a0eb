package dev.toolyard.shared;

import java.util.List;

/** Input over a size limit of the domain (not of the HTTP body, which the API checks itself). */
public final class TooLargeException extends ToolyardException {

    public TooLargeException(String code, String message) {
        super(code, message, List.of());
    }
}
