package dev.toolyard.queries;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.toolyard.audit.AuditLog;
import dev.toolyard.testing.AccessJson;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.TestMariaDb;
import dev.toolyard.testing.TestPostgres;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Running queries end to end through the API, on real PostgreSQL and MariaDB servers: T-CU3
 * record-level permissions with current_user computed on the server (T-CU5), bound values (T-CU4),
 * T-A5 both ways, environments (T-RS3), limits and failures (T-RS4), the library (T-Q1), and an
 * audit entry and metrics for every run.
 */
@ToolyardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class QueryRunsTest {

    private static final String PASSWORD = "hr-secret-" + UUID.randomUUID();

    @LocalServerPort
    int port;

    @Autowired
    AuditLog auditLog;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    private TestSpace space;
    private TestSpaces.Person alice;
    private TestSpaces.Person bert;
    private ApiClient aliceApi;
    private ApiClient bertApi;
    private String app;
    private String hr;
    private String reports;
    private TestPostgres.Database production;

    @BeforeAll
    void employees() {
        space = TestSpaces.create(port, "Query runs");
        alice = space.enabledUser("alice");
        bert = space.enabledUser("bert");
        String managers = space.group("Managers");
        space.addMember(managers, alice.id());
        space.addMember(managers, bert.id());
        app = space.app("Team", null);
        // Managers use the app; none of them has any grant on the resource (T-A5).
        space.saveAccess(managers, AccessJson.access().app(app, "USE").additional("WORKSPACE", "QUERY_LIBRARY").json());
        aliceApi = alice.token(port, "queries:run", "apps:read", "apps:write", "resources:read",
                "query-library:read");
        bertApi = bert.token(port, "queries:run", "apps:read", "apps:write", "resources:read",
                "query-library:read");

        production = TestPostgres.createDatabase();
        var staging = TestPostgres.createDatabase();
        TestPostgres.run(production, "create table employees (id int primary key, name text, email text, manager text)",
                "insert into employees values (1, 'Ann', 'ann@corp.test', '" + alice.email() + "'), "
                        + "(2, 'Ben', 'ben@corp.test', '" + alice.email() + "'), "
                        + "(3, 'Cai', 'cai@corp.test', '" + bert.email() + "'), "
                        + "(4, 'Dov', 'dov@corp.test', '" + bert.email() + "')",
                "create table wide as select g as id, md5(g::text) as text from generate_series(1, 5000) g");
        TestPostgres.run(staging, "create table employees (id int primary key, name text, email text, manager text)",
                "insert into employees values (9, 'Stage', 'stage@corp.test', '" + alice.email() + "')");
        hr = space.resource("HR", null);
        configure(hr, "production", postgresSettings(production));
        configure(hr, "staging", postgresSettings(staging));
        reports = query(app, "reports", hr,
                "select name from employees where manager = {{ current_user.email }} order by name", null);
    }

    @Test
    void eachManagerSeesOnlyTheirOwnReports() {
        assertThat(names(run(aliceApi, appRun(reports), "{}"))).containsExactly("Ann", "Ben");
        assertThat(names(run(bertApi, appRun(reports), "{}"))).containsExactly("Cai", "Dov");
    }

    @Test
    void aForgedCurrentUserValueIsRefusedAndAudited() {
        var forged = aliceApi.post(appRun(reports),
                "{\"values\":{\"current_user.email\":\"" + bert.email() + "\"}}");
        var forgedState = aliceApi.post(appRun(reports),
                "{\"state\":{\"current_user\":{\"email\":\"" + bert.email() + "\"}}}");

        assertThat(forged.status()).as(forged.body()).isEqualTo(403);
        assertThat(forged.json().get("code").asString()).isEqualTo("query.current_user_spoofing");
        assertThat(forged.body()).doesNotContain("Cai", "Dov");
        assertThat(forgedState.status()).as(forgedState.body()).isEqualTo(403);
        auditLog.flush();
        assertThat(jdbc.sql("select count(*) from audit_entries where actor_id = ? and action like '%spoof%'")
                .param(UUID.fromString(alice.id())).query(Long.class).single()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anExpressionMixingCurrentUserWithStateIsEvaluatedOnTheServer() {
        String mixed = query(app, "mixed", hr, "select name from employees where manager = "
                + "{{ current_user.email }} and name = {{ current_user.groups.some(g => g.name.startsWith('Managers')) "
                + "? filter.name : 'nobody' }}", null);

        var result = run(aliceApi, appRun(mixed), "{\"state\":{\"filter\":{\"name\":\"Ben\"}}}");

        assertThat(names(result)).containsExactly("Ben");
    }

    @Test
    void valuesFromTheBrowserAreBoundAndInjectionStaysData() {
        String search = query(app, "search", hr, "select name from employees where name = {{ nameInput.value }}", null);

        for (String attack : List.of("x' or '1'='1", "'; drop table employees; --", "Ann' --")) {
            var result = run(aliceApi, appRun(search), "{\"values\":{\"nameInput.value\":" + json(attack) + "}}");
            assertThat(names(result)).isEmpty();
        }
        assertThat(names(run(aliceApi, appRun(search), "{\"values\":{\"nameInput.value\":\"Ann\"}}")))
                .containsExactly("Ann");
        assertThat(names(run(aliceApi, appRun(reports), "{}"))).containsExactly("Ann", "Ben");
    }

    @Test
    void aMissingValueIsAClearErrorAndRunsNothing() {
        String search = query(app, "needs_value", hr, "select name from employees where name = {{ box.value }}", null);

        var response = aliceApi.post(appRun(search), "{}");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("code").asString()).isEqualTo("query.value_missing");
    }

    @Test
    void anAppUserRunsItsQueriesButCannotSaveOnAResourceTheyCannotUse() {
        var save = aliceApi.send("PUT", "/api/v1/apps/" + app + "/queries/" + reports,
                "{\"name\":\"reports\",\"resourceId\":\"" + hr + "\",\"fields\":[{\"name\":\"sql\","
                        + "\"template\":\"select * from employees\"}]}");

        assertThat(run(aliceApi, appRun(reports), "{}").get("rowCount").asLong()).isEqualTo(2);
        assertThat(save.status()).as(save.body()).isIn(403, 404);
        assertThat(space.api().get("/api/v1/apps/" + app + "/queries/" + reports).json().get("fields").get(0)
                .get("template").asString()).contains("current_user.email");
    }

    @Test
    void theEnvironmentChoosesTheConfiguration() {
        assertThat(names(run(aliceApi, appRun(reports), "{\"environment\":\"staging\"}"))).containsExactly("Stage");
        assertThat(names(run(aliceApi, appRun(reports), "{\"environment\":\"production\"}")))
                .containsExactly("Ann", "Ben");
        var unknown = aliceApi.post(appRun(reports), "{\"environment\":\"nowhere\"}");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
    }

    @Test
    void limitsTruncateWithAFlagAndATimeoutIsCancelledOnTheDatabase() {
        String rows = query(app, "rows", hr, "select id, text from wide order by id", "\"maxRows\":100");
        String bytes = query(app, "bytes", hr, "select id, text from wide order by id", "\"maxBytes\":2000");
        String slow = query(app, "slow", hr, "select pg_sleep(30)", "\"timeoutSeconds\":1");

        var byRows = run(aliceApi, appRun(rows), "{}");
        var byBytes = run(aliceApi, appRun(bytes), "{}");
        var timedOut = aliceApi.post(appRun(slow), "{}");

        assertThat(byRows.get("rows").size()).isEqualTo(100);
        assertThat(byRows.get("truncated").asBoolean()).isTrue();
        assertThat(byRows.get("truncatedBy").asString()).isEqualTo("rows");
        assertThat(byBytes.get("truncatedBy").asString()).isEqualTo("bytes");
        assertThat(byBytes.get("rows").size()).isBetween(1, 100);
        assertThat(timedOut.status()).as(timedOut.body()).isEqualTo(504);
        assertThat(timedOut.json().get("code").asString()).isEqualTo("source.timeout");
        TestPostgres.run(production, "do $$ begin if exists (select 1 from pg_stat_activity where query like "
                + "'select pg_sleep(30)%' and state = 'active') then raise exception 'still running'; end if; end $$");
    }

    @Test
    void aFailingSourceGivesItsOwnError() {
        String broken = query(app, "broken", hr, "select * from no_such_table", null);

        var response = aliceApi.post(appRun(broken), "{}");

        assertThat(response.status()).as(response.body()).isEqualTo(502);
        assertThat(response.json().get("code").asString()).isEqualTo("source.error");
        assertThat(response.body()).contains("no_such_table");
    }

    @Test
    void mariaDbRunsWithTheSameRules() {
        var maria = TestMariaDb.createDatabase();
        TestMariaDb.run("create table " + maria.name() + ".employees (name varchar(20), manager varchar(200))",
                "insert into " + maria.name() + ".employees values ('Eve', '" + alice.email() + "'), ('Fay', '"
                        + bert.email() + "')");
        String shop = created(space.api().post("/api/v1/resources", "{\"name\":\"Maria " + unique()
                + "\",\"kind\":\"MYSQL\"}"));
        configure(shop, "production", "{\"host\":\"" + maria.host() + "\",\"port\":" + maria.port()
                + ",\"database\":\"" + maria.name() + "\",\"user\":\"" + maria.user() + "\",\"password\":\""
                + maria.password() + "\",\"tlsMode\":\"disable\",\"poolSize\":2}");
        String mine = query(app, "maria_reports", shop,
                "select name from employees where manager = {{ current_user.email }}", null);

        assertThat(names(run(bertApi, appRun(mine), "{}"))).containsExactly("Fay");
    }

    @Test
    void everyRunIsAuditedWithoutItsValuesAndCounted() {
        double before = runsCounted();
        run(bertApi, appRun(reports), "{}");
        String search = query(app, "audited", hr, "select name from employees where name = {{ who.value }}", null);
        run(bertApi, appRun(search), "{\"values\":{\"who.value\":\"a-value-nobody-should-see\"}}");
        auditLog.flush();

        var entries = jdbc.sql("select target_id, outcome, after_state from audit_entries where action = 'query.run' "
                + "and actor_id = ? order by seq").param(UUID.fromString(bert.id()))
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        assertThat(entries).anySatisfy(entry -> {
            assertThat(entry.get(0)).isEqualTo(reports);
            assertThat(entry.get(1)).isEqualTo("SUCCESS");
            assertThat(entry.get(2)).contains("\"environment\":\"production\"", "\"rows\":2", "\"resource\":\"" + hr,
                    "\"app\":\"" + app, "durationMs");
        });
        assertThat(entries).noneSatisfy(entry -> assertThat(entry.get(2)).contains("a-value-nobody-should-see"));
        assertThat(runsCounted()).isGreaterThanOrEqualTo(before + 2);
    }

    @Test
    void libraryQueriesRunWithTheirParametersAndKeepSecretsOutOfTheTrail(CapturedOutput output) {
        String managers = space.builtInGroup("ALL_USERS");
        String libraryQuery = created(space.api().post("/api/v1/query-library", "{\"name\":\"by_name_" + unique()
                + "\",\"grants\":{\"" + managers + "\":\"USE\"},\"resourceId\":\"" + hr + "\","
                + "\"parameters\":[{\"name\":\"who\",\"defaultValue\":\"Ann\"},{\"name\":\"pin\",\"secret\":true}],"
                + "\"fields\":[{\"name\":\"sql\",\"template\":\"select name from employees where name = {{ who }} "
                + "and {{ pin }} = concat('open', '-sesame')\"}]}"));
        var viaImport = created(space.api().post("/api/v1/apps/" + app + "/library-imports",
                "{\"libraryQueryId\":\"" + libraryQuery + "\"}"));

        var byDefault = run(aliceApi, "/api/v1/query-library/" + libraryQuery + "/run",
                "{\"parameters\":{\"pin\":\"open-sesame\"}}");
        var given = run(aliceApi, "/api/v1/apps/" + app + "/library-imports/" + viaImport + "/run",
                "{\"parameters\":{\"who\":\"Dov\",\"pin\":\"open-sesame\"}}");
        auditLog.flush();

        assertThat(names(byDefault)).containsExactly("Ann");
        assertThat(names(given)).containsExactly("Dov");
        assertThat(jdbc.sql("select string_agg(coalesce(after_state, ''), ' ') from audit_entries")
                .query(String.class).single()).doesNotContain("open-sesame", PASSWORD);
        assertThat(output.getAll()).doesNotContain("open-sesame", PASSWORD);
    }

    private double runsCounted() {
        return meters.find("toolyard.query.runs").timers().stream().mapToDouble(timer -> timer.count()).sum();
    }

    private String appRun(String query) {
        return "/api/v1/apps/" + app + "/queries/" + query + "/run";
    }

    private static JsonNode run(ApiClient api, String path, String body) {
        var response = api.post(path, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> names(JsonNode result) {
        var names = new ArrayList<String>();
        result.get("rows").forEach(row -> names.add(row.get(0).asString()));
        return names;
    }

    private String query(String app, String name, String resource, String sql, String limits) {
        return created(space.api().post("/api/v1/apps/" + app + "/queries", "{\"name\":\"" + name + "\","
                + "\"resourceId\":\"" + resource + "\",\"fields\":[{\"name\":\"sql\",\"template\":" + json(sql) + "}]"
                + (limits == null ? "" : "," + limits) + "}"));
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

    private static String created(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private static String json(String text) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(text);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
