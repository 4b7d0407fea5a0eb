package dev.toolyard.sso;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.toolyard.ProcessCpu;
import dev.toolyard.ToolyardApplication;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/**
 * Issue 7's SSO target: "SSO sign-in handling on the Toolyard side (excluding the identity
 * provider): ≥ 200 per second". A Toolyard started in the benchmark's JVM (embedded PostgreSQL)
 * with a SAML provider and role mapping ({@code devops -> Editor}, removal mode on) in the admin
 * space; eight client threads post SAML responses, signed before the measurement by
 * {@link TestIdentityProvider} (each with its own assertion id, all for one existing user), to the
 * ACS over loopback HTTP/1.1 with keep-alive, and expect the sign-in's 302 to the app with a new
 * session cookie. What one sign-in costs: the response's schema, java-saml's checks and signature
 * verification, the replay insert, SsoSignIns (the user, profile, role mapping), the new session
 * and its audit entry. The client, the server and PostgreSQL share the same two cores.
 * <p>
 * Eight threads, not two: a sign-in waits for three commits to reach the disk (fdatasync 2–3 ms
 * here), so two threads measure mostly that wait with the cores idle, while a morning's sign-in
 * wave has many people at once, whose commits PostgreSQL flushes together. Run with {@code -t 2}
 * to see the latency-bound figure.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = { "-Xmx2g" })
@Warmup(iterations = 12, time = 5)
@Measurement(iterations = 5, time = 5)
public class SamlSignInBenchmark {

    private static final String ADMIN_EMAIL = "admin@saml-sign-ins.bench";
    private static final String PERSON = "grace@saml-sign-ins.bench";
    /** More than the threads can use in warm-up and measurement at a few hundred sign-ins a second. */
    private static final int RESPONSES = Integer.getInteger("saml.bench.responses", 40_000);

    private ConfigurableApplicationContext context;
    private HttpClient http;
    private URI acs;
    private final ConcurrentLinkedQueue<String> signed = new ConcurrentLinkedQueue<>();
    private final AtomicLong signIns = new AtomicLong();
    private long commitsAtStart;
    private Map<String, Duration> cpuAtStart;
    private String databasePort;

    @Setup(Level.Trial)
    public void start() throws Exception {
        String stamp = Instant.now().toString().replaceAll("[^0-9]", "").substring(0, 14);
        Path dataDir = Files.createDirectories(Path.of("target", "bench", "saml-sign-ins", stamp + "-" + UUID.randomUUID()));
        context = new SpringApplicationBuilder(ToolyardApplication.class).run("--server.port=0",
                "--toolyard.data-dir=" + dataDir, "--toolyard.admin.email=" + ADMIN_EMAIL,
                "--toolyard.admin.password=saml sign-in benchmark " + stamp, "--toolyard.sample.enabled=false",
                "--logging.level.root=WARN");
        var jdbc = context.getBean(JdbcClient.class);
        var space = new SpaceId(jdbc.sql("select id from spaces where is_admin_space").query(UUID.class).single());
        var admin = new UserId(jdbc.sql("select id from users where email = ?").param(ADMIN_EMAIL).query(UUID.class)
                .single());
        var caller = Caller.session(admin, ADMIN_EMAIL, space, true, true, "127.0.0.1");
        var idp = TestIdentityProvider.trusted("https://idp.saml-sign-ins.bench/" + stamp);
        context.getBean(IdentityProviders.class).saveSaml(caller, new SamlProviderChange("Bench IdP", true,
                idp.entityId(), "https://idp.saml-sign-ins.bench/sso", List.of(idp.certificatePem()), null, null,
                new ClaimNames("mail", "givenName", "sn", "memberOf", null)));
        context.getBean(SsoSettings.class).save(caller, new SsoSettingsChange(JitMode.ENABLED,
                List.of(new SsoSettingsChange.Rule("devops", "Editor"), new SsoSettingsChange.Rule("support", "Viewer")),
                false, true, admin, null, null));

        String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        var serviceProvider = context.getBean(SamlServiceProvider.class);
        String acsUrl = serviceProvider.acsUrl(space);
        acs = URI.create(base + "/sso/" + space + "/saml/acs");
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Instant now = Instant.now();
        // Signed (and form-encoded, as the browser would) before the clock starts, on every core, so the
        // measurement pays for none of the IdP's work.
        IntStream.range(0, RESPONSES + 1).parallel().mapToObj(i -> idp.response(acsUrl,
                serviceProvider.entityId(space), PERSON, now).issuedAt(now, Duration.ofMinutes(30))
                .attribute("mail", PERSON).attribute("givenName", "Grace").attribute("sn", "Hopper")
                .attribute("memberOf", "devops", "navy").encoded())
                .map(response -> "SAMLResponse=" + URLEncoder.encode(response, StandardCharsets.UTF_8)
                        + "&RelayState=%2Fapps")
                .forEach(signed::add);
        // The first sign-in provisions the person (JIT) and maps their groups; the measured ones find them.
        signIn();
        signIns.set(0);
        commitsAtStart = commits();
        databasePort = jdbc.sql("select current_setting('port')").query(String.class).single();
        cpuAtStart = cpu();
    }

    /**
     * What a sign-in cost whatever else the machine was doing, over warm-up and measurement:
     * commits of Toolyard's database, and CPU time per sign-in of Toolyard's request threads, of
     * the client's threads, of the rest of this JVM (JIT compilers, GC, listeners) and of the
     * embedded PostgreSQL's processes.
     */
    @TearDown(Level.Trial)
    public void stop() {
        double count = Math.max(1, signIns.get());
        var used = cpu();
        var perSignIn = new TreeMap<String, String>();
        used.forEach((part, total) -> perSignIn.put(part, String.format("%.2f ms",
                total.minus(cpuAtStart.getOrDefault(part, Duration.ZERO)).toNanos() / 1e6 / count)));
        System.out.printf("%n%d sign-ins; per sign-in: %.2f commits; CPU %s%n", signIns.get(),
                (commits() - commitsAtStart) / count, perSignIn);
        context.close();
    }

    private long commits() {
        return context.getBean(JdbcClient.class)
                .sql("select xact_commit from pg_stat_database where datname = current_database()")
                .query(Long.class).single();
    }

    private Map<String, Duration> cpu() {
        var threads = ManagementFactory.getThreadMXBean();
        Duration requests = Duration.ZERO;
        Duration client = Duration.ZERO;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            var time = Duration.ofNanos(Math.max(0, threads.getThreadCpuTime(info.getThreadId())));
            if (info.getThreadName().startsWith("http-nio-")) {
                requests = requests.plus(time);
            } else if (info.getThreadName().contains("jmh-worker") || info.getThreadName().startsWith("HttpClient-")) {
                client = client.plus(time);
            }
        }
        var process = ProcessCpu.jvm();
        var database = ProcessCpu.database(databasePort);
        return Map.of("toolyard requests", requests, "client", client,
                "rest of the JVM", process.minus(requests).minus(client), "postgresql", database);
    }

    @Benchmark
    @Threads(8)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public String signIn() throws Exception {
        String form = signed.poll();
        if (form == null) {
            throw new IllegalStateException("Out of signed responses: raise -Dsaml.bench.responses");
        }
        var answer = http.send(HttpRequest.newBuilder(acs).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        String location = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() != 302 || !location.equals("/apps")
                || answer.headers().firstValue("Set-Cookie").filter(cookie -> cookie.startsWith("SESSION=")).isEmpty()) {
            throw new IllegalStateException("Sign-in refused: " + answer.statusCode() + " " + location);
        }
        signIns.incrementAndGet();
        return location;
    }
}
