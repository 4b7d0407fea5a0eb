package dev.toolyard;

import java.time.Duration;

/**
 * CPU time used so far by the processes a benchmark runs on the shared cores: this JVM, and the
 * embedded PostgreSQL's server and backends (found by the port on their command line). What one
 * operation costs whatever else the machine is doing: the difference over a measurement, divided
 * by the operations.
 */
public final class ProcessCpu {

    private ProcessCpu() {
    }

    public static Duration jvm() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    public static Duration database(String port) {
        String option = "-p " + port;
        return ProcessHandle.allProcesses()
                .filter(candidate -> candidate.info().commandLine().map(line -> line.contains(option)).orElse(false)
                        || candidate.parent().flatMap(parent -> parent.info().commandLine())
                                .map(line -> line.contains(option)).orElse(false))
                .map(candidate -> candidate.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }
}
