package dev.toolyard.queries;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/**
 * The CPU time one binding costs the thread that binds, for {@link QueryBindingBenchmark}'s cases:
 * on a machine shared with other builds, wall-clock averages swing tenfold between iterations, while
 * the binding thread's own CPU time is what a run's budget (3,000 one-row runs/s on two cores) is
 * spent from. Run with {@code -Dbench.main=dev.toolyard.queries.BindingCpuTime}.
 */
public final class BindingCpuTime {

    private static final long WARM_UP_NANOS = 10_000_000_000L;
    private static final int ROUNDS = 5;

    private BindingCpuTime() {
    }

    public static void main(String[] args) {
        var benchmark = new QueryBindingBenchmark();
        benchmark.setUp();
        try {
            measure("appQueryBrowserValue", 200_000, benchmark::appQueryBrowserValue);
            measure("appQueryCurrentUserEmail", 200_000, benchmark::appQueryCurrentUserEmail);
            measure("libraryQueryParameter", 200_000, benchmark::libraryQueryParameter);
            measure("appQueryFinanceExpression", 5_000, benchmark::appQueryFinanceExpression);
            measure("parseTemplate", 200_000, benchmark::parseTemplate);
        } finally {
            benchmark.tearDown();
        }
    }

    private static void measure(String name, int operations, Supplier<Object> operation) {
        var threads = ManagementFactory.getThreadMXBean();
        long warmUntil = System.nanoTime() + WARM_UP_NANOS;
        while (System.nanoTime() < warmUntil) {
            operation.get();
        }
        var cpu = new double[ROUNDS];
        var wall = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            Object last = null;
            for (int i = 0; i < operations; i++) {
                last = operation.get();
            }
            if (last == null) {
                throw new IllegalStateException(name + " returned nothing");
            }
            cpu[round] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1000.0 / operations;
            wall[round] = (System.nanoTime() - wallStart) / 1000.0 / operations;
        }
        System.out.printf("%-28s CPU µs/op per round %s | wall µs/op %s%n", name, format(cpu), format(wall));
    }

    private static String format(double[] values) {
        var text = new StringBuilder();
        for (double value : values) {
            text.append(String.format(" %8.2f", value));
        }
        return text.toString();
    }
}
