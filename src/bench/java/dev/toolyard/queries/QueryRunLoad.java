package dev.toolyard.queries;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.toolyard.ProcessCpu;

/**
 * Issue 4's one-row target driven by <a href="https://github.com/wg/wrk">wrk</a> (Debian package
 * {@code wrk}), the load client the issue names: the same Toolyard, resource, query and token as
 * {@link QueryRunBenchmark}, then wrk on loopback with keep-alive against the one-row run of the API
 * and against the baseline servlet, one after the other, each after a warm-up. wrk is a C program
 * with one event loop per thread, so the client takes far less of the two cores than the JDK
 * HttpClient of the JMH benchmark does. Prints wrk's own report (requests/s and the latency
 * distribution, median included) and the CPU time one run cost over the measurement: this JVM
 * (Toolyard and the baseline), the embedded PostgreSQL (Toolyard's database and the resource's)
 * and wrk, so that what a run costs can be read apart from whatever else the machine was doing.
 * <pre>
 * ./mvnw -B -q -Pbench -DskipTests package exec:exec -Dbench.main=dev.toolyard.queries.QueryRunLoad \
 *     -Dbench.args="connections=4 threads=1 warmup=30 seconds=30"
 * </pre>
 */
public final class QueryRunLoad {

    private QueryRunLoad() {
    }

    public static void main(String[] args) throws Exception {
        int connections = option(args, "connections", 4);
        int threads = option(args, "threads", 1);
        int warmup = option(args, "warmup", 30);
        int seconds = option(args, "seconds", 30);
        var setup = new QueryRunBenchmark();
        setup.start();
        try {
            Path script = Files.createTempFile("one-row-run", ".lua");
            Files.writeString(script, """
                    wrk.method = "POST"
                    wrk.body = '{"values":{"idInput.value":42}}'
                    wrk.headers["Content-Type"] = "application/json"
                    wrk.headers["Authorization"] = "Bearer %s"
                    """.formatted(setup.token));
            for (var target : List.of(new String[] { "oneRowApi", setup.oneRowApi.toString() },
                    new String[] { "oneRowBaseline", setup.oneRowBaseline.toString() })) {
                wrk(script, target[1], connections, threads, warmup);
                System.out.printf("%n=== %s: %d connections, %d wrk thread(s), %d s after %d s of warm-up%n",
                        target[0], connections, threads, seconds, warmup);
                var jvm = ProcessCpu.jvm();
                var database = ProcessCpu.database(setup.databasePort());
                var report = wrk(script, target[1], connections, threads, seconds);
                System.out.print(report);
                cpuPerRequest(report, ProcessCpu.jvm().minus(jvm), ProcessCpu.database(setup.databasePort()).minus(database));
            }
        } finally {
            setup.stop();
        }
    }

    /** wrk's report, with its own CPU time (user and system seconds) on a last line from /usr/bin/time. */
    private static String wrk(Path script, String url, int connections, int threads, int seconds)
            throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("/usr/bin/time", "-f", "wrk-cpu %U %S", "wrk", "-t" + threads,
                "-c" + connections, "-d" + seconds + "s", "--latency", "-s", script.toString(), url));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0 || output.contains("Non-2xx")) {
            throw new IllegalStateException("wrk failed or got errors:\n" + output);
        }
        return output;
    }

    private static void cpuPerRequest(String report, Duration jvm, Duration database) {
        var requests = Pattern.compile("(\\d+) requests in").matcher(report);
        var client = Pattern.compile("wrk-cpu ([0-9.]+) ([0-9.]+)").matcher(report);
        if (!requests.find() || !client.find()) {
            throw new IllegalStateException("Unexpected wrk report:\n" + report);
        }
        double count = Long.parseLong(requests.group(1));
        double wrkMicros = (Double.parseDouble(client.group(1)) + Double.parseDouble(client.group(2))) * 1e6;
        double jvmMicros = jvm.toNanos() / 1e3;
        double databaseMicros = database.toNanos() / 1e3;
        System.out.printf("CPU per request: JVM %.0f µs, PostgreSQL %.0f µs, wrk %.0f µs, total %.0f µs "
                + "(what two cores allow at that cost: %.0f/s)%n", jvmMicros / count, databaseMicros / count,
                wrkMicros / count, (jvmMicros + databaseMicros + wrkMicros) / count,
                2e6 * count / (jvmMicros + databaseMicros + wrkMicros));
    }

    private static int option(String[] args, String name, int fallback) {
        for (String arg : args) {
            if (arg.startsWith(name + "=")) {
                return Integer.parseInt(arg.substring(name.length() + 1));
            }
        }
        return fallback;
    }
}
