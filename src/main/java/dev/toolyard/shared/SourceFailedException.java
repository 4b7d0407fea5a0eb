package dev.toolyard.shared;

import java.util.List;

/**
 * A data source behind a resource failed or did not answer in time (T-RS4): the request was fine,
 * the source was not. {@code timedOut} separates "took too long" (504) from "answered with an
 * error or could not be reached" (502). The message is the source's own, with no secrets in it.
 */
public final class SourceFailedException extends ToolyardException {

    private final boolean timedOut;

    public SourceFailedException(String code, String message, boolean timedOut) {
        super(code, message, List.of());
        this.timedOut = timedOut;
    }

    public boolean timedOut() {
        return timedOut;
    }
}
