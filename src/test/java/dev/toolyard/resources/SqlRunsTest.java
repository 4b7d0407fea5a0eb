package dev.toolyard.resources;

import static dev.toolyard.resources.Queries.secret;
import static dev.toolyard.resources.Queries.sql;
import static dev.toolyard.resources.Queries.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.zaxxer.hikari.HikariDataSource;

import dev.toolyard.resources.connector.ResourceConnector;
import dev.toolyard.resources.connector.SqlConnector;
import dev.toolyard.resources.connector.TargetKey;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.ResourceId;
import dev.toolyard.shared.SourceFailedException;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;
import dev.toolyard.testing.TestMariaDb;
import dev.toolyard.testing.TestPostgres;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;

/**
 * T-RS4, T-CU4 on real servers: PostgreSQL (a database of the tests' server) and MariaDB. Values
 * are bound, never spliced; limits cut results; a timeout cancels the statement on the database;
 * no connection stays taken; pools follow their configuration.
 */
@ToolyardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class SqlRunsTest {

    private static final RunLimits LIMITS = new RunLimits(Duration.ofSeconds(20), 1000, 1_000_000);
    private static final String PASSWORD = "pw-" + UUID.randomUUID();

    @LocalServerPort
    int port;

    @Autowired
    ResourceRuns runs;

    @Autowired
    List<ResourceConnector> connectors;

    private TestSpace space;
    private Caller admin;
    private TestPostgres.Database production;
    private TestPostgres.Database staging;
    private TestMariaDb.Database maria;
    private String postgres;
    private String mysql;

    @BeforeAll
    void databases() {
        space = TestSpaces.create(port, "Runs");
        admin = Caller.session(UserId.parse(space.admin().id()), space.admin().email(), SpaceId.parse(space.id()),
                false, true, "127.0.0.1");
        production = TestPostgres.createDatabase();
        staging = TestPostgres.createDatabase();
        for (var database : List.of(production, staging)) {
            TestPostgres.run(database, "create table items (id int primary key, name text not null)",
                    "create table scratch (id int, done boolean default false)",
                    "insert into scratch (id) select generate_series(1, 3)");
        }
        TestPostgres.run(production, "insert into items values (1, 'prod-a'), (2, 'prod-b')");
        TestPostgres.run(staging, "insert into items values (1, 'stage-a')");
        postgres = space.resource("Orders", null);
        configure(postgres, "production", postgresSettings(production));
        configure(postgres, "staging", postgresSettings(staging));

        maria = TestMariaDb.createDatabase();
        mysql = space.api().post("/api/v1/resources", "{\"name\":\"Shop " + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"kind\":\"MYSQL\"}").json().get("id").asString();
        configure(mysql, "production", "{\"host\":\"" + maria.host() + "\",\"port\":" + maria.port() + ",\"database\":\""
                + maria.name() + "\",\"user\":\"" + maria.user() + "\",\"password\":\"" + maria.password()
                + "\",\"tlsMode\":\"disable\",\"poolSize\":2}");
        TestMariaDb.run("create table " + maria.name() + ".items (id int primary key, name varchar(50), price decimal(8,2),"
                + " seen datetime, raw varbinary(8), doc json)",
                "insert into " + maria.name() + ".items values (1, 'maria-a', 9.50, '2024-01-02 03:04:05', x'0102', "
                        + "'{\"a\": [1, 2]}'), (2, 'maria-b', 1.00, null, null, null)");
    }

    @Test
    void eachEnvironmentRunsOnItsOwnConfiguration() throws Exception {
        var inProduction = run(postgres, "production", sql("select name from items order by id"));
        var inStaging = run(postgres, "staging", sql("select name from items order by id"));

        assertThat(inProduction.column(0)).containsExactly("prod-a", "prod-b");
        assertThat(inStaging.column(0)).containsExactly("stage-a");
    }

    @Test
    void valuesAreBoundAsParametersAndStayData() throws Exception {
        for (String attack : List.of("x' or '1'='1", "'; drop table items; --", "prod-a' --")) {
            var found = run(postgres, "production", sql("select count(*) as n from items where name = ", value(attack)));
            assertThat(found.rows.get(0)[0]).as(attack).isEqualTo(0L);
        }
        var exact = run(postgres, "production", sql("select id from items where name = ", value("prod-b"),
                " and id = ", value(2)));
        assertThat(exact.column(0)).containsExactly(2L);
        var json = run(postgres, "production", sql("select (", value(Map.of("a", List.of(1, "two"))),
                "::jsonb) -> 'a' as a, ", value(null), "::text as nothing, ", value(true), "::boolean as yes"));
        assertThat(json.rows.get(0)).containsExactly(List.of(1, "two"), null, true);
        assertThat(run(postgres, "production", sql("select count(*) from items")).rows.get(0)[0]).isEqualTo(2L);

        var mariaFound = run(mysql, "production", sql("select count(*) as n from items where name = ",
                value("x' or '1'='1")));
        assertThat(mariaFound.rows.get(0)[0]).isEqualTo(0L);
        var mariaExact = run(mysql, "production", sql("select name from items where name = ", value("maria-b"),
                " or id = ", value(-1)));
        assertThat(mariaExact.column(0)).containsExactly("maria-b");
    }

    @Test
    void columnsArriveAsJsonLikeValues() throws Exception {
        var result = run(postgres, "production", sql("""
                select 1::int as i, 9007199254740993::bigint as b, 1.50::numeric as d, 2.5::float8 as f, true as t,
                       timestamptz '2024-01-02 03:04:05+00' as at, date '2024-01-02' as day, '\\x0102'::bytea as raw,
                       '{"a": [1, 2]}'::jsonb as doc, null::text as nothing, array[1, 2] as list"""));

        assertThat(result.columns).extracting(ResultWriter.ResultColumn::name)
                .containsExactly("i", "b", "d", "f", "t", "at", "day", "raw", "doc", "nothing", "list");
        assertThat(result.columns.get(8).type()).isEqualTo("jsonb");
        assertThat(result.rows.get(0)).containsExactly(1L, 9007199254740993L, new BigDecimal("1.50"), 2.5, true,
                "2024-01-02T03:04:05Z", "2024-01-02", "AQI=", Map.of("a", List.of(1, 2)), null, List.of(1L, 2L));

        var maria = run(mysql, "production", sql("select id, name, price, seen, raw, doc from items order by id"));
        assertThat(maria.rows.get(0)).containsExactly(1L, "maria-a", new BigDecimal("9.50"), "2024-01-02T03:04:05",
                "AQI=", Map.of("a", List.of(1, 2)));
    }

    @Test
    void theRowLimitAndTheByteLimitCutTheResultAndSaySo() throws Exception {
        var rows = new CollectingWriter();
        var byRows = runs.run(admin, id(postgres), "production", sql("select generate_series(1, 100) as n"),
                new RunLimits(Duration.ofSeconds(10), 10, 1_000_000), rows);
        assertThat(byRows).isEqualTo(new RunSummary(10, true, "rows"));
        assertThat(rows.rows).hasSize(10);

        var exact = runs.run(admin, id(postgres), "production", sql("select generate_series(1, 10) as n"),
                new RunLimits(Duration.ofSeconds(10), 10, 1_000_000), new CollectingWriter());
        assertThat(exact).isEqualTo(RunSummary.complete(10));

        var bytes = new CollectingWriter();
        var byBytes = runs.run(admin, id(postgres), "production",
                sql("select repeat('x', 100) as n from generate_series(1, 100)"),
                new RunLimits(Duration.ofSeconds(10), 1000, 1000), bytes);
        assertThat(byBytes.truncated()).isTrue();
        assertThat(byBytes.truncatedBy()).isEqualTo("bytes");
        assertThat(byBytes.rows()).isBetween(5L, 10L);

        // A writer that takes no more (its own byte budget spent) ends the run the same way.
        var refusing = new CollectingWriter() {
            @Override
            public boolean row(Object[] values) {
                return rows.size() < 3 && super.row(values);
            }
        };
        assertThat(runs.run(admin, id(postgres), "production", sql("select generate_series(1, 100) as n"), LIMITS,
                refusing)).isEqualTo(new RunSummary(3, true, "bytes"));

        var maria = runs.run(admin, id(mysql), "production", sql("select seq from seq_1_to_100"),
                new RunLimits(Duration.ofSeconds(10), 7, 1_000_000), new CollectingWriter());
        assertThat(maria).isEqualTo(new RunSummary(7, true, "rows"));
        assertNoConnectionTaken(postgres, "production");
        assertNoConnectionTaken(mysql, "production");
    }

    @Test
    void statementsWithoutRowsReportHowManyTheyChanged() throws Exception {
        var result = run(postgres, "staging", sql("update scratch set done = ", value(true), " where id <= ", value(2)));

        assertThat(result.document).isEqualTo(Map.of("affectedRows", 2L));
        assertThat(run(postgres, "staging", sql("select count(*) from scratch where done")).rows.get(0)[0])
                .as("committed").isEqualTo(2L);
    }

    @Test
    void aTimeoutCancelsTheStatementOnPostgres() throws Exception {
        String marker = "pg_sleep(30.0" + System.nanoTime() % 1000 + ")";
        long started = System.nanoTime();

        assertThatThrownBy(() -> runs.run(admin, id(postgres), "production", sql("select " + marker),
                new RunLimits(Duration.ofSeconds(1), 10, 10_000), new CollectingWriter()))
                .isInstanceOfSatisfying(SourceFailedException.class, failed -> {
                    assertThat(failed.code()).isEqualTo("source.timeout");
                    assertThat(failed.timedOut()).isTrue();
                });

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(waitUntilGone(production.jdbcUrl(), "select count(*) from pg_stat_activity where query like '%"
                + marker + "%' and state = 'active' and pid <> pg_backend_pid()")).isZero();
        assertNoConnectionTaken(postgres, "production");
        assertThat(run(postgres, "production", sql("select 1")).rows).hasSize(1);
    }

    @Test
    void aTimeoutCancelsTheStatementOnMariaDb() throws Exception {
        String marker = "sleep(30.0" + System.nanoTime() % 1000 + ")";
        long started = System.nanoTime();

        assertThatThrownBy(() -> runs.run(admin, id(mysql), "production", sql("select " + marker),
                new RunLimits(Duration.ofSeconds(1), 10, 10_000), new CollectingWriter()))
                .isInstanceOfSatisfying(SourceFailedException.class,
                        failed -> assertThat(failed.code()).isEqualTo("source.timeout"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(waitUntilGone(TestMariaDb.adminUrl(), "select count(*) from information_schema.processlist where info like '%"
                + marker + "%' and info not like '%processlist%'")).isZero();
        assertNoConnectionTaken(mysql, "production");
    }

    @Test
    void failuresOfTheSourceAreClearAndCarryNoSecret(CapturedOutput output) throws Exception {
        assertThatThrownBy(() -> run(postgres, "production", sql("select nope from items where name = ",
                secret("a-secret-value-" + PASSWORD))))
                .isInstanceOfSatisfying(SourceFailedException.class, failed -> {
                    assertThat(failed.code()).isEqualTo("source.error");
                    assertThat(failed.getMessage()).contains("nope").doesNotContain(PASSWORD);
                });
        assertThatThrownBy(() -> run(postgres, "production", sql("select ", secret("x" + PASSWORD), "::int")))
                .isInstanceOfSatisfying(SourceFailedException.class,
                        failed -> assertThat(failed.getMessage()).doesNotContain(PASSWORD));
        String wrong = "wrong-" + UUID.randomUUID();
        String locked = space.api().post("/api/v1/resources", "{\"name\":\"Locked " + UUID.randomUUID().toString()
                .substring(0, 8) + "\",\"kind\":\"MYSQL\"}").json().get("id").asString();
        configure(locked, "production", "{\"host\":\"" + maria.host() + "\",\"port\":" + maria.port()
                + ",\"database\":\"" + maria.name() + "\",\"user\":\"" + maria.user() + "\",\"password\":\"" + wrong
                + "\",\"tlsMode\":\"disable\",\"connectTimeoutSeconds\":3}");
        assertThatThrownBy(() -> run(locked, "production", sql("select 1")))
                .isInstanceOfSatisfying(SourceFailedException.class, failed -> {
                    assertThat(failed.code()).isEqualTo("source.authentication_failed");
                    assertThat(failed.getMessage()).contains(maria.user()).doesNotContain(wrong);
                });
        assertThat(output.getAll()).doesNotContain(wrong).doesNotContain(PASSWORD);
        assertThatThrownBy(() -> run(postgres, "nowhere", sql("select 1")))
                .isInstanceOfSatisfying(NotFoundException.class,
                        failed -> assertThat(failed.code()).isEqualTo("environment.not_found"));
        assertThatThrownBy(() -> run(mysql, "staging", sql("select 1")))
                .isInstanceOfSatisfying(SourceFailedException.class,
                        failed -> assertThat(failed.code()).isEqualTo("environment.not_configured"));
        assertNoConnectionTaken(postgres, "production");
    }

    @Test
    void aResourceOfAnotherSpaceIsNotFoundAndALimitedEnvironmentRefusesOthers() throws Exception {
        var other = TestSpaces.create(port, "Elsewhere");
        var outsider = Caller.session(UserId.parse(other.admin().id()), "outsider", SpaceId.parse(other.id()), false,
                true, "127.0.0.1");
        assertThatThrownBy(() -> runs.run(outsider, id(postgres), "production", sql("select 1"), LIMITS,
                new CollectingWriter())).isInstanceOfSatisfying(NotFoundException.class,
                        failed -> assertThat(failed.code()).isEqualTo("resource.not_found"));

        String limited = "locked-" + UUID.randomUUID().toString().substring(0, 8);
        String group = space.group("Locked");
        assertThat(space.api().post("/api/v1/environments", "{\"name\":\"" + limited + "\",\"limited\":true,"
                + "\"groupIds\":[\"" + group + "\"]}").status()).isEqualTo(201);
        configure(postgres, limited, postgresSettings(production));
        var person = space.enabledUser("runner");
        var runner = Caller.session(UserId.parse(person.id()), person.email(), SpaceId.parse(space.id()), false, false,
                "127.0.0.1");
        assertThatThrownBy(() -> runs.run(runner, id(postgres), limited, sql("select 1"), LIMITS, new CollectingWriter()))
                .isInstanceOfSatisfying(ForbiddenException.class,
                        failed -> assertThat(failed.code()).isEqualTo("environment.denied"));
        space.addMember(group, person.id());
        // T-A5: the runner has no grant on the resource; the run does not ask for one.
        assertThat(run(runner, postgres, limited, sql("select 1")).rows).hasSize(1);
    }

    @Test
    void poolsCloseWhenTheirConfigurationChangesAndWhenTheResourceIsDeleted() throws Exception {
        String resource = space.resource("Pooled", null);
        configure(resource, "production", postgresSettings(production));
        run(resource, "production", sql("select 1"));
        var first = pool(resource, "production");

        configure(resource, "production", postgresSettings(production).replace("\"poolSize\":2", "\"poolSize\":3"));

        waitUntilClosed(first);
        run(resource, "production", sql("select 1"));
        var second = pool(resource, "production");
        assertThat(second).isNotSameAs(first);
        assertThat(second.getMaximumPoolSize()).isEqualTo(3);

        assertThat(space.api().delete("/api/v1/resources/" + resource).status()).isEqualTo(204);
        waitUntilClosed(second);
        assertThat(sqlConnector().pool(key(resource, "production"))).isEmpty();

        // T-RS3: deleting an environment drops its configurations, and their pools close.
        String temporary = "temp-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(space.api().post("/api/v1/environments", "{\"name\":\"" + temporary + "\"}").status()).isEqualTo(201);
        configure(postgres, temporary, postgresSettings(staging));
        assertThat(run(postgres, temporary, sql("select name from items")).column(0)).containsExactly("stage-a");
        var third = pool(postgres, temporary);
        assertThat(space.api().delete("/api/v1/environments/" + temporary).status()).isEqualTo(204);
        waitUntilClosed(third);
        assertThat(space.api().get("/api/v1/resources/" + postgres + "/configurations").json())
                .extracting(view -> view.get("environment").asString()).contains("production").doesNotContain(temporary);
    }

    private CollectingWriter run(String resource, String environment, BoundQuery query) throws Exception {
        return run(admin, resource, environment, query);
    }

    private CollectingWriter run(Caller caller, String resource, String environment, BoundQuery query) throws Exception {
        var writer = new CollectingWriter();
        runs.run(caller, id(resource), environment, query, LIMITS, writer);
        return writer;
    }

    private void configure(String resource, String environment, String settings) {
        var saved = space.api().send("PUT", "/api/v1/resources/" + resource + "/configurations/" + environment, settings);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    private static String postgresSettings(TestPostgres.Database database) {
        return "{\"host\":\"" + database.host() + "\",\"port\":" + database.port() + ",\"database\":\"" + database.name()
                + "\",\"user\":\"" + database.user() + "\",\"password\":\"" + PASSWORD
                + "\",\"tlsMode\":\"disable\",\"poolSize\":2}";
    }

    private void assertNoConnectionTaken(String resource, String environment) {
        assertThat(pool(resource, environment).getHikariPoolMXBean().getActiveConnections()).isZero();
    }

    private HikariDataSource pool(String resource, String environment) {
        var connector = connectors.stream().filter(candidate -> candidate.kind() == kindOf(resource)).findFirst()
                .map(SqlConnector.class::cast).orElseThrow();
        return connector.pool(key(resource, environment)).orElseThrow();
    }

    private ResourceKind kindOf(String resource) {
        return ResourceKind.valueOf(space.api().get("/api/v1/resources/" + resource).json().get("kind").asString());
    }

    private SqlConnector sqlConnector() {
        return connectors.stream().filter(candidate -> candidate.kind() == ResourceKind.POSTGRESQL).findFirst()
                .map(SqlConnector.class::cast).orElseThrow();
    }

    private TargetKey key(String resource, String environment) {
        String environmentId = space.api().get("/api/v1/environments/" + environment).json().get("id").asString();
        return new TargetKey(UUID.fromString(resource), UUID.fromString(environmentId));
    }

    private static ResourceId id(String resource) {
        return new ResourceId(UUID.fromString(resource));
    }

    private static void waitUntilClosed(HikariDataSource pool) throws InterruptedException {
        for (int i = 0; i < 100 && !pool.isClosed(); i++) {
            Thread.sleep(50);
        }
        assertThat(pool.isClosed()).as("pool closed").isTrue();
    }

    /** The statement is gone from the server once the cancel has arrived; allows it a moment. */
    private static long waitUntilGone(String adminUrl, String countQuery) throws Exception {
        long count = -1;
        for (int i = 0; i < 30 && count != 0; i++) {
            try (var connection = DriverManager.getConnection(adminUrl);
                    var result = connection.createStatement().executeQuery(countQuery)) {
                result.next();
                count = result.getLong(1);
            }
            if (count != 0) {
                Thread.sleep(100);
            }
        }
        return count;
    }
}
