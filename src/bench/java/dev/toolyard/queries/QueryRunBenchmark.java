package dev.toolyard.queries;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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

import dev.toolyard.ToolyardApplication;
import dev.toolyard.apps.AppManagement;
import dev.toolyard.database.DatabaseServer;
import dev.toolyard.identity.ApiTokenManagement;
import dev.toolyard.resources.ResourceKind;
import dev.toolyard.resources.ResourceManagement;
import dev.toolyard.resources.ResourceConfigurations;
import dev.toolyard.resources.connector.JdbcValues;
import dev.toolyard.resources.connector.ResourceConnector;
import dev.toolyard.resources.connector.SqlConnector;
import dev.toolyard.resources.connector.TargetKey;
import dev.toolyard.resources.ResultWriter;
import dev.toolyard.resources.RunSummary;
import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Issue 4's query targets, through HTTP on loopback against a Toolyard started in the benchmark's
 * JVM (embedded PostgreSQL; the resource is a database on the same server):
 * <ul>
 * <li>{@code thousandRows*}: a 1,000-row, 10-column query end to end through the API
 * (token authentication, access check, binding, JDBC, JSON) against a minimal baseline servlet in
 * the same server that runs the same SQL on <b>the same pool</b> (the resource's own Hikari pool)
 * and writes it with <b>the same JSON writer</b> ({@link StreamedRunResult}), with no
 * authentication, access check or binding. Target: API ≤ 1.25 × baseline.</li>
 * <li>{@code oneRow*}: a one-row query with a bound value, four client threads over keep-alive
 * connections. Target: ≥ 3,000 runs/s; run with {@code -bm thrpt} and {@code -bm sample} for the
 * median latency.</li>
 * </ul>
 * The client (JDK HttpClient) runs on the same two cores as the server and the database.
 */
@State(Scope.Benchmark)
@Fork(value = 2, jvmArgsAppend = { "-Xmx2g" })
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
public class QueryRunBenchmark {

    private static final String ADMIN_EMAIL = "admin@query-runs.bench";

    private ConfigurableApplicationContext context;
    private HttpClient http;
    /** Read by {@link QueryRunLoad}, which drives the same set-up with wrk. */
    String token;
    URI thousandRowsApi;
    URI oneRowApi;
    URI thousandRowsBaseline;
    URI oneRowBaseline;

    @Setup(Level.Trial)
    public void start() throws Exception {
        String stamp = Instant.now().toString().replaceAll("[^0-9]", "").substring(0, 14);
        Path dataDir = Files.createDirectories(Path.of("target", "bench", "query-runs", stamp + "-" + UUID.randomUUID()));
        context = new SpringApplicationBuilder(ToolyardApplication.class, BaselineServlet.Registration.class).run(
                "--server.port=0", "--toolyard.data-dir=" + dataDir, "--toolyard.admin.email=" + ADMIN_EMAIL,
                "--toolyard.admin.password=query runs benchmark " + stamp, "--logging.level.root=WARN");
        var jdbc = context.getBean(JdbcClient.class);
        var space = new SpaceId(jdbc.sql("select id from spaces where is_admin_space").query(UUID.class).single());
        var admin = new UserId(jdbc.sql("select id from users where email = ?").param(ADMIN_EMAIL).query(UUID.class)
                .single());
        var caller = Caller.session(admin, ADMIN_EMAIL, space, true, true, "127.0.0.1");

        jdbc.sql("create database bench_data").update();
        jdbc.sql("create role bench_reader login password 'bench reader password'").update();
        try (var data = context.getBean(DatabaseServer.class).connect("bench_data");
                var sql = data.createStatement()) {
            sql.execute("""
                    create table wide as select g as id, 'name ' || g as name, 'person' || g || '@example.com' as email,
                        (array['Berlin','Lisbon','Oslo','Quito'])[1 + g % 4] as city, (g * 1.25)::numeric(12,2) as amount,
                        timestamptz '2024-01-01' + g * interval '1 hour' as created, g % 3 = 0 as active,
                        g / 7.0::float8 as score, md5(g::text) as code, repeat('x', 20) as notes
                    from generate_series(1, 1000) g""");
            sql.execute("alter table wide add primary key (id)");
            sql.execute("analyze wide");
            sql.execute("grant select on wide to bench_reader");
        }
        var resources = context.getBean(ResourceManagement.class);
        var resource = resources.create(caller, "Bench data", ResourceKind.POSTGRESQL, null);
        int port = Integer.parseInt(jdbc.sql("select current_setting('port')").query(String.class).single());
        context.getBean(ResourceConfigurations.class).save(caller, resource.id(), "production", Map.of("host",
                "localhost", "port", port, "database", "bench_data", "user", "bench_reader", "password", "bench reader password",
                "tlsMode", "disable", "poolSize", 8));
        var app = context.getBean(AppManagement.class).createApp(caller, "Bench app", null);
        var queries = context.getBean(AppQueries.class);
        var thousand = queries.create(caller, app.id(), new QueryDraft("thousand", resource.id(),
                List.of(new FieldTemplate("sql", BaselineServlet.THOUSAND)), null, null, null));
        var one = queries.create(caller, app.id(), new QueryDraft("one", resource.id(),
                List.of(new FieldTemplate("sql", "select * from wide where id = {{ idInput.value }}")), null, null,
                null));
        token = context.getBean(ApiTokenManagement.class)
                .create(caller, "query benchmark", Set.of(ApiScope.QUERIES_RUN, ApiScope.APPS_READ), null).secret();

        var environment = jdbc.sql("select id from environments where space_id = ? and name = 'production'")
                .param(space.value()).query(UUID.class).single();
        var connector = (SqlConnector) context.getBeansOfType(ResourceConnector.class).values().stream()
                .filter(candidate -> candidate.kind() == ResourceKind.POSTGRESQL).findFirst().orElseThrow();
        BaselineServlet.target = new BaselineServlet.Target(connector, new TargetKey(resource.id().value(), environment));

        String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        thousandRowsApi = URI.create(base + "/api/v1/apps/" + app.id() + "/queries/" + thousand.id() + "/run");
        oneRowApi = URI.create(base + "/api/v1/apps/" + app.id() + "/queries/" + one.id() + "/run");
        thousandRowsBaseline = URI.create(base + "/bench/baseline/thousand");
        oneRowBaseline = URI.create(base + "/bench/baseline/one");
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // The first run opens the pool; the baseline borrows it from then on.
        check(post(thousandRowsApi, "{}"), 1000);
        check(get(thousandRowsBaseline), 1000);
        check(post(oneRowApi, "{\"values\":{\"idInput.value\":42}}"), 1);
        check(get(oneRowBaseline), 1);
    }

    String databasePort() {
        return context.getBean(JdbcClient.class).sql("select current_setting('port')").query(String.class).single();
    }

    @TearDown(Level.Trial)
    public void stop() {
        context.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] thousandRowsApi() throws Exception {
        return post(thousandRowsApi, "{}");
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] thousandRowsBaseline() throws Exception {
        return post(thousandRowsBaseline, "{}");
    }

    @Benchmark
    @Threads(4)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public byte[] oneRowApi() throws Exception {
        return post(oneRowApi, "{\"values\":{\"idInput.value\":42}}");
    }

    @Benchmark
    @Threads(4)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public byte[] oneRowBaseline() throws Exception {
        return post(oneRowBaseline, "{\"values\":{\"idInput.value\":42}}");
    }

    private byte[] post(URI uri, String body) throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + new String(response.body()));
        }
        return response.body();
    }

    private byte[] get(URI uri) throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + new String(response.body()));
        }
        return response.body();
    }

    private static void check(byte[] body, int rows) {
        String text = new String(body);
        if (!text.contains("\"rowCount\":" + rows)) {
            throw new IllegalStateException("Expected " + rows + " rows: " + text.substring(0, Math.min(300, text.length())));
        }
    }

    /**
     * The baseline: plain JDBC on the resource's own pool, the same statement settings a run uses
     * (cursor fetch inside a transaction), the same value conversion and the same JSON writer.
     */
    public static final class BaselineServlet extends HttpServlet {

        static final String THOUSAND = "select * from wide order by id";
        static final String ONE = "select * from wide where id = ?";

        record Target(SqlConnector connector, TargetKey key) {
        }

        static volatile Target target;

        /** Sent like a run (a POST with a JSON body), so both sides pay the same HTTP costs. */
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            request.getInputStream().readAllBytes();
            doGet(request, response);
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            boolean one = request.getRequestURI().endsWith("/one");
            var pool = target.connector().pool(target.key()).orElseThrow();
            var writer = new StreamedRunResult(() -> {
                response.setStatus(200);
                response.setContentType("application/json");
                return response.getOutputStream();
            }, 10L * 1024 * 1024);
            long started = System.nanoTime();
            try (var connection = pool.getConnection()) {
                connection.setAutoCommit(false);
                try (var statement = connection.prepareStatement(one ? ONE : THOUSAND)) {
                    if (one) {
                        JdbcValues.bind(statement, 1, 42);
                    }
                    statement.setFetchSize(500);
                    long rows = 0;
                    try (ResultSet result = statement.executeQuery()) {
                        var meta = result.getMetaData();
                        int count = meta.getColumnCount();
                        var columns = new ArrayList<ResultWriter.ResultColumn>(count);
                        var types = new int[count];
                        var names = new String[count];
                        for (int i = 1; i <= count; i++) {
                            columns.add(new ResultWriter.ResultColumn(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
                            types[i - 1] = meta.getColumnType(i);
                            names[i - 1] = meta.getColumnTypeName(i);
                        }
                        writer.columns(columns);
                        while (result.next()) {
                            var values = new Object[count];
                            for (int i = 0; i < count; i++) {
                                values[i] = JdbcValues.read(result, i + 1, types[i], names[i], target.connector().dialect());
                            }
                            writer.row(values);
                            rows++;
                        }
                    }
                    connection.commit();
                    writer.finish(RunSummary.complete(rows), "production",
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                }
            } catch (SQLException e) {
                throw new IOException(e);
            }
        }

        /** Mounts the baseline outside every security chain: it is the part a run costs without Toolyard. */
        @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
        static class Registration {

            @org.springframework.context.annotation.Bean
            org.springframework.boot.web.servlet.ServletRegistrationBean<BaselineServlet> baselineServlet() {
                return new org.springframework.boot.web.servlet.ServletRegistrationBean<>(new BaselineServlet(),
                        "/bench/baseline/*");
            }

            @org.springframework.context.annotation.Bean
            @org.springframework.core.annotation.Order(0)
            org.springframework.security.web.SecurityFilterChain baselineChain(
                    org.springframework.security.config.annotation.web.builders.HttpSecurity http) throws Exception {
                return http.securityMatcher("/bench/**")
                        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                        .csrf(csrf -> csrf.disable()).build();
            }
        }
    }
}
