package dev.toolyard.queries;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 4's one-row target driven by <a href="https://github.com/wg/wrk">wrk</a> (Debian package
 * {@code wrk}), the load client the issue names: the same Toolyard, resource, query and token as
 * {@link QueryRunBenchmark}, then wrk on loopback with keep-alive against the one-row run of the API
 * and against the baseline servlet, one after the other, each after a warm-up. wrk is a C program
 * with one event loop per thread, so the client takes far less of the two cores than the JDK
 * HttpClient of the JMH benchmark does. Prints wrk's own report (requests/s and the latency
 * distribution, median included).
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
                wrk(script, target[1], connections, threads, warmup, false);
                System.out.printf("%n=== %s: %d connections, %d wrk thread(s), %d s after %d s of warm-up%n",
                        target[0], connections, threads, seconds, warmup);
                wrk(script, target[1], connections, threads, seconds, true);
            }
        } finally {
            setup.stop();
        }
    }

    private static void wrk(Path script, String url, int connections, int threads, int seconds, boolean print)
            throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--latency", "-s", script.toString(), url));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0 || output.contains("Non-2xx")) {
            throw new IllegalStateException("wrk failed or got errors:\n" + output);
        }
        if (print) {
            System.out.print(output);
        }
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
