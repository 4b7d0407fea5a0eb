package dev.toolyard.queries;

import java.time.Duration;

/**
 * What one server-side expression may use (T-CU5). Expressions decide values for a query, such as
 * a filter from {@code current_user}; these bounds are far above that and far below what would
 * hurt the server.
 *
 * @param timeout wall-clock time of one evaluation, enforced by a watchdog that cancels it
 * @param statements JavaScript statements one evaluation may execute (GraalJS counts them)
 * @param allocatedBytes memory one evaluation's thread may allocate, enforced by the watchdog
 * @param elements the longest string, array or typed array an expression may make or loop over
 * @param inputChars the size of the JSON that carries current_user and the values into the sandbox
 */
record ExpressionLimits(Duration timeout, long statements, long allocatedBytes, int elements, int inputChars) {

    static final ExpressionLimits DEFAULT = new ExpressionLimits(Duration.ofSeconds(1), 1_000_000, 64L << 20,
            1_000_000, 2_000_000);
}
