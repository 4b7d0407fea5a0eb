package dev.toolyard.resources;

import java.time.Duration;

/** T-RS4: how long a run may take and how much it may return before it is cut off. */
public record RunLimits(Duration timeout, int maxRows, long maxBytes) {

    public RunLimits {
        if (timeout.isNegative() || timeout.isZero() || maxRows < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("Run limits must be positive");
        }
    }
}
