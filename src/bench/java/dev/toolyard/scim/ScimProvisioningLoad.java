package dev.toolyard.scim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.toolyard.ToolyardApplication;
import dev.toolyard.identity.ApiTokenManagement;
import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 7's provisioning target: 10,000 users plus 100 groups of 100 members through SCIM in at most
 * 60 s end to end, every request within 1 s.
 *
 * <p>Starts Toolyard in this JVM (embedded PostgreSQL in a fresh data directory), makes an access
 * token with the scope {@code scim} for the instance admin, then, as an identity provider would,
 * over loopback HTTP/1.1 with a few client threads: POSTs the users (names, e-mail, externalId),
 * POSTs the groups, and PATCHes each group with its 100 members in one request. Prints the time of
 * each phase and of the whole, the slowest request and the 99th percentile, and any failed request.
 *
 * <pre>
 * ./mvnw -B -Pbench -DskipTests package exec:exec -Dbench.main=dev.toolyard.scim.ScimProvisioningLoad \
 *     -Dbench.args="users=10000 groups=100 members=100 threads=4"
 * </pre>
 */
public final class ScimProvisioningLoad {

    private static final String ADMIN_EMAIL = "admin@scim-load.bench";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ScimProvisioningLoad() {
    }

    public static void main(String[] args) throws Exception {
        int users = option(args, "users", 10_000);
        int groups = option(args, "groups", 100);
        int members = option(args, "members", 100);
        int threads = option(args, "threads", 4);
        String stamp = Instant.now().toString().replaceAll("[^0-9]", "").substring(0, 14);
        Path dataDir = Files.createDirectories(Path.of("target", "bench", "scim", stamp + "-" + UUID.randomUUID()));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ToolyardApplication.class).run(
                "--server.port=0", "--toolyard.data-dir=" + dataDir, "--toolyard.admin.email=" + ADMIN_EMAIL,
                "--toolyard.admin.password=scim load benchmark " + stamp, "--toolyard.sample.enabled=false",
                "--logging.level.root=WARN")) {
            var jdbc = context.getBean(JdbcClient.class);
            var space = new SpaceId(jdbc.sql("select id from spaces where is_admin_space").query(UUID.class).single());
            var admin = new UserId(jdbc.sql("select id from users where email = ?").param(ADMIN_EMAIL)
                    .query(UUID.class).single());
            var caller = Caller.session(admin, ADMIN_EMAIL, space, true, true, "127.0.0.1");
            String token = context.getBean(ApiTokenManagement.class)
                    .create(caller, "scim load", Set.of(ApiScope.SCIM), null).secret();
            String port = context.getEnvironment().getProperty("local.server.port");
            var load = new Load(URI.create("http://127.0.0.1:" + port + "/scim/v2"), token, threads,
                    new CpuMeter(dataDir.getFileName().toString()));
            try {
                run(load, users, groups, members, threads);
            } finally {
                load.close();
            }
        }
    }

    private static void run(Load load, int users, int groups, int members, int threads) throws Exception {
        System.out.printf("SCIM provisioning: %d users, %d groups of %d members, %d client threads%n", users, groups,
                members, threads);
        String run = UUID.randomUUID().toString().substring(0, 6);
        long start = System.nanoTime();
        var userIds = new String[users];
        var created = load.phase("POST /Users", users, i -> {
            String email = "person" + i + "-" + run + "@scim-load.bench";
            return new Call("POST", "/Users", """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","externalId":"ext-%d",
                     "name":{"givenName":"Person","familyName":"Number %d"},
                     "emails":[{"value":"%s","type":"work","primary":true}],"active":true}"""
                    .formatted(email, i, i, email), body -> userIds[i] = JSON.readTree(body).get("id").asString());
        });
        var groupIds = new String[groups];
        var groupsCreated = load.phase("POST /Groups", groups, i -> new Call("POST", "/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Team %d %s","externalId":"g-%d"}"""
                .formatted(i, run, i), body -> groupIds[i] = JSON.readTree(body).get("id").asString()));
        var pushed = load.phase("PATCH /Groups members", groups, i -> {
            var values = new StringBuilder();
            for (int m = 0; m < members; m++) {
                values.append(m == 0 ? "" : ",").append("{\"value\":\"").append(userIds[(i * members + m) % users])
                        .append("\"}");
            }
            return new Call("PATCH", "/Groups/" + groupIds[i], """
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                     "Operations":[{"op":"add","path":"members","value":[%s]}]}""".formatted(values), body -> {
            });
        });
        double total = (System.nanoTime() - start) / 1e9;
        var all = new ArrayList<Long>();
        all.addAll(created);
        all.addAll(groupsCreated);
        all.addAll(pushed);
        System.out.printf("TOTAL %d requests in %.1f s (target 60 s); %s%n", all.size(), total, percentiles(all));
    }

    record Call(String method, String path, String body, java.util.function.Consumer<String> onSuccess) {
    }

    private static final class Load {

        private final URI base;
        private final String token;
        private final HttpClient http;
        private final ExecutorService pool;
        private final int threads;
        private final CpuMeter cpu;

        Load(URI base, String token, int threads, CpuMeter cpu) {
            this.base = base;
            this.token = token;
            this.threads = threads;
            this.cpu = cpu;
            this.pool = Executors.newFixedThreadPool(threads);
            this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
        }

        /** Sends {@code count} calls from {@code threads} threads; returns each one's latency in ns. */
        List<Long> phase(String name, int count, IntFunction<Call> calls) throws Exception {
            var next = new AtomicInteger();
            var failures = new AtomicInteger();
            var cpuBefore = cpu.read();
            long start = System.nanoTime();
            var futures = new ArrayList<Future<List<Long>>>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    var latencies = new ArrayList<Long>();
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        var call = calls.apply(i);
                        var request = HttpRequest.newBuilder(URI.create(base + call.path()))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/scim+json")
                                .header("Accept", "application/scim+json")
                                .timeout(Duration.ofSeconds(60))
                                .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body())).build();
                        long sent = System.nanoTime();
                        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        latencies.add(System.nanoTime() - sent);
                        if (response.statusCode() / 100 == 2) {
                            call.onSuccess().accept(response.body());
                        } else if (failures.incrementAndGet() <= 5) {
                            System.out.printf("  %s %s -> %d %s%n", call.method(), call.path(), response.statusCode(),
                                    response.body());
                        }
                    }
                    return latencies;
                }));
            }
            var all = new ArrayList<Long>();
            for (var future : futures) {
                all.addAll(future.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            var cpuAfter = cpu.read();
            System.out.printf("%-24s %6d requests in %6.1f s (%5.0f/s), %d failed; %s%n", name, count, seconds,
                    count / seconds, failures.get(), percentiles(all));
            System.out.printf("%-24s CPU: this JVM (server and client) %.1f s, PostgreSQL %.1f s; %.2f ms per request"
                    + " in all; machine load average %.1f%n", "", cpuAfter[0] - cpuBefore[0], cpuAfter[1] - cpuBefore[1],
                    (cpuAfter[0] - cpuBefore[0] + cpuAfter[1] - cpuBefore[1]) * 1000 / count, cpu.loadAverage());
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " requests of " + name + " failed");
            }
            return all;
        }

        void close() {
            pool.shutdownNow();
        }
    }

    /**
     * CPU seconds of this JVM and of the embedded PostgreSQL's processes (those whose command line
     * names this run's data directory, read from /proc): on a machine other builds share, wall time
     * says little, CPU time says what the work costs.
     */
    private static final class CpuMeter {

        /** The run's own data directory name, which the embedded server's command line carries. */
        private final String dataDir;
        /** USER_HZ: Linux reports process times in 1/100 s. */
        private static final long TICKS_PER_SECOND = 100;

        CpuMeter(String dataDir) {
            this.dataDir = dataDir;
        }

        double[] read() {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
                    .getOperatingSystemMXBean();
            double jvm = os.getProcessCpuTime() / 1e9;
            double postgres = 0;
            try (var listing = Files.list(Path.of("/proc"))) {
                var processes = listing.filter(p -> p.getFileName().toString().matches("\\d+")).toList();
                String postmaster = null;
                for (var process : processes) {
                    if (read(process.resolve("cmdline")).replace('\0', ' ').contains(dataDir)) {
                        postmaster = process.getFileName().toString();
                    }
                }
                for (var process : processes) {
                    String[] stat = read(process.resolve("stat")).replaceFirst("^.*\\) ", "").split(" ");
                    if (stat.length > 12 && (process.getFileName().toString().equals(postmaster)
                            || stat[1].equals(postmaster))) {
                        postgres += (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / (double) TICKS_PER_SECOND;
                    }
                }
            } catch (IOException e) {
                return new double[] { jvm, Double.NaN };
            }
            return new double[] { jvm, postgres };
        }

        /** A file of /proc, or "" when its process ended meanwhile. */
        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException | UncheckedIOException gone) {
                return "";
            }
        }

        double loadAverage() {
            return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }
    }

    private static String percentiles(List<Long> latencies) {
        var sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format("median %.1f ms, p99 %.1f ms, max %.1f ms", at(sorted, 0.5), at(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static int option(String[] args, String name, int fallback) {
        return Arrays.stream(args).filter(arg -> arg.startsWith(name + "=")).findFirst()
                .map(arg -> Integer.parseInt(arg.substring(name.length() + 1))).orElse(fallback);
    }
}
