package dev.toolyard.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.toolyard.ToolyardApplication;
import dev.toolyard.database.DatabaseServer;
import dev.toolyard.testing.Admin;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.TestClockConfiguration;
import dev.toolyard.testing.TestDatabases;
import dev.toolyard.testing.TestUsers;
import dev.toolyard.testing.ToolyardTest;
import tools.jackson.databind.JsonNode;

/**
 * T-D2, T-CU3: a new instance's first start makes the sample database, the "Sample database"
 * resource and the released "Employees" app, once, as Toolyard itself; the app's queries answer
 * through the API, and its record-level rule gives each manager their own reports.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleAppTest {

    private static ConfigurableApplicationContext shared;
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    @BeforeAll
    static void startOne() {
        shared = start(TestDatabases.createDatabase(), sampleName());
    }

    @AfterAll
    static void stopShared() {
        shared.close();
    }

    @AfterEach
    void stop() {
        started.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void firstStartMakesTheSampleDatabaseResourceAndAppAsTheSystem() throws SQLException {
        var jdbc = jdbc(shared);
        var setup = jdbc.sql("select outcome, database_name from sample_setup").query().singleRow();
        assertThat(setup.get("outcome")).isEqualTo("created");
        String database = (String) setup.get("database_name");
        try (var sample = shared.getBean(DatabaseServer.class).connect(database);
                var statement = sample.createStatement();
                var rows = statement.executeQuery("select (select count(*) from employees),"
                        + " (select count(*) from orders), (select count(distinct manager_email) from employees)")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(SampleData.EMPLOYEES);
            assertThat(rows.getLong(2)).isEqualTo(SampleData.ORDERS);
            assertThat(rows.getLong(3)).isGreaterThan(10);
        }
        assertThat(jdbc.sql("select count(*) from resources where name = 'Sample database'").query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from apps where name = 'Employees'").query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from app_queries").query(Long.class).single())
                .isEqualTo(SampleQueries.ALL.size());
        assertThat(jdbc.sql("select version || ':' || live from app_releases").query(String.class).list())
                .containsExactly("1.0.0:true");
        var actors = jdbc.sql("select distinct actor_label || ':' || coalesce(actor_id::text, '-') from audit_entries"
                + " where action in ('resource.created', 'resource.configuration_saved', 'app.created', 'query.created',"
                + " 'app.document_saved', 'app.release_published')")
                .query(String.class).list();
        assertThat(actors).containsExactly("system:-");
        assertThat(jdbc.sql("select after_state from audit_entries where action = 'resource.configuration_saved'")
                .query(String.class).single()).contains("\"writeOnlyFieldsChanged\":[\"password\"]")
                .doesNotContain(sampleRolePassword(shared, database));
    }

    @Test
    void theSampleQueriesAnswerThroughTheApi() {
        int port = port(shared);
        var admin = new ApiClient(port, Admin.token(port, "apps:read", "queries:run"));
        String app = sampleAppId(shared);

        var everyone = run(admin, app, "employees", "{\"values\":{\"searchInput.value\":\"\"}}");
        assertThat(everyone.get("rowCount").asInt()).isEqualTo(SampleData.EMPLOYEES);
        var engineers = run(admin, app, "employees", "{\"values\":{\"searchInput.value\":\"engineering\"}}");
        assertThat(engineers.get("rowCount").asInt()).isBetween(10, SampleData.EMPLOYEES - 10);
        engineers.get("rows").forEach(row -> assertThat(row.toString().toLowerCase()).contains("engineering"));

        var months = run(admin, app, "ordersByMonth", "{}");
        assertThat(months.get("rowCount").asInt()).isEqualTo(12);
        assertThat(months.get("columns").toString()).contains("month", "orders", "revenue");

        int seller = firstSeller(everyone);
        var orders = run(admin, app, "employeeOrders", "{\"values\":{"
                + "\"employeesTable.selectedRow ? employeesTable.selectedRow.id : null\":" + seller + "}}");
        assertThat(orders.get("rowCount").asInt()).isPositive();
        var nobodySelected = run(admin, app, "employeeOrders", "{\"values\":{"
                + "\"employeesTable.selectedRow ? employeesTable.selectedRow.id : null\":null}}");
        assertThat(nobodySelected.get("rowCount").asInt()).isZero();

        var updated = run(admin, app, "updateTitle", "{\"values\":{\"titleInput.value\":\"Principal Seller\","
                + "\"employeesTable.selectedRow ? employeesTable.selectedRow.id : null\":" + seller + "}}");
        assertThat(updated.toString()).contains("\"affectedRows\":1");
        var found = run(admin, app, "employees", "{\"values\":{\"searchInput.value\":\"principal seller\"}}");
        assertThat(found.get("rowCount").asInt()).isEqualTo(1);
    }

    @Test
    void myReportsGivesEachManagerTheirOwnReports() {
        int port = port(shared);
        var adminSession = Admin.signedIn(port);
        var admin = new ApiClient(port, Admin.token(adminSession, "users:write", "apps:read", "queries:run"));
        String app = sampleAppId(shared);
        var everyone = run(admin, app, "employees", "{\"values\":{\"searchInput.value\":\"\"}}");
        var managers = managersBySize(everyone);
        String first = managers.get(0);
        String second = managers.get(1);

        var firstManager = TestUsers.enabledUser("first").withEmail(first).in("Viewer").create(port, admin);
        var secondManager = TestUsers.enabledUser("second").withEmail(second).in("Viewer").create(port, admin);
        var firstReports = run(new ApiClient(port, Admin.token(firstManager.signIn(), "apps:read", "queries:run")),
                app, "myReports", "{}");
        var secondReports = run(new ApiClient(port, Admin.token(secondManager.signIn(), "apps:read", "queries:run")),
                app, "myReports", "{}");

        assertThat(emails(firstReports)).isNotEmpty().containsExactlyInAnyOrderElementsOf(reportsOf(everyone, first));
        assertThat(emails(secondReports)).isNotEmpty().containsExactlyInAnyOrderElementsOf(reportsOf(everyone, second));
        assertThat(emails(firstReports)).doesNotContainAnyElementsOf(emails(secondReports));
        var adminReports = run(admin, app, "myReports", "{}");
        assertThat(adminReports.get("rowCount").asInt()).isZero();

        var spoofed = admin.post(runPath(app, queryId(admin, app, "myReports")),
                "{\"values\":{\"current_user.email\":\"" + first + "\"}}");
        assertThat(spoofed.status()).isEqualTo(403);
        assertThat(spoofed.body()).contains("query.current_user_spoofing");
    }

    @Test
    void aRestartMakesNothingTwice(CapturedOutput output) {
        String database = TestDatabases.createDatabase();
        String sample = sampleName();
        var first = start(database, sample);
        started.add(first);
        String appId = sampleAppId(first);
        assertThat(output.getOut()).contains("A sample app is ready: \"Employees\"",
                "http://localhost:" + port(first) + "/run/" + appId);
        int printedBefore = output.getOut().length();
        long entries = jdbc(first).sql("select count(*) from audit_entries").query(Long.class).single();
        first.close();

        var second = start(database, sample);
        started.add(second);
        assertThat(output.getOut().substring(printedBefore)).doesNotContain("A sample app is ready");

        var jdbc = jdbc(second);
        assertThat(jdbc.sql("select count(*) from sample_setup").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select id::text from apps").query(String.class).list()).containsExactly(appId);
        assertThat(jdbc.sql("select count(*) from resources").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from app_releases").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from app_queries").query(Long.class).single())
                .isEqualTo(SampleQueries.ALL.size());
        assertThat(jdbc.sql("select count(*) from audit_entries where action not like 'auth.%'")
                .query(Long.class).single()).isEqualTo(entries);
        int port = port(second);
        var admin = new ApiClient(port, Admin.token(port, "apps:read", "queries:run"));
        assertThat(run(admin, appId, "employees", "{\"values\":{\"searchInput.value\":\"\"}}").get("rowCount").asInt())
                .isEqualTo(SampleData.EMPLOYEES);
    }

    @Test
    void theResourceFollowsTheServersPortUntilSomeonePointsItElsewhere() {
        String database = TestDatabases.createDatabase();
        String sample = sampleName();
        var first = start(database, sample);
        started.add(first);
        var server = first.getBean(DatabaseServer.class);
        String resource = jdbc(first).sql("select resource_id::text from sample_setup").query(String.class).single();
        String configuration = "/api/v1/resources/" + resource + "/configurations/production";
        var admin = new ApiClient(port(first), Admin.token(port(first), "resources:read", "resources:write"));
        // As if the embedded server had listened on port 1 at the start that configured the sample.
        var moved = admin.send("PUT", configuration, pointedAt(server.host(), 1, sample));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        jdbc(first).sql("update sample_setup set port = 1").update();
        first.close();

        var second = start(database, sample);
        started.add(second);
        var api = new ApiClient(port(second), Admin.token(port(second), "resources:read", "resources:write",
                "apps:read", "queries:run"));
        assertThat(api.get(configuration).json().get("settings").get("port").asInt()).isEqualTo(server.port());
        assertThat(run(api, sampleAppId(second), "employees", "{\"values\":{\"searchInput.value\":\"\"}}")
                .get("rowCount").asInt()).isEqualTo(SampleData.EMPLOYEES);
        assertThat(jdbc(second).sql("select count(*) from audit_entries where action = 'resource.configuration_saved'"
                + " and actor_label = 'system'").query(Long.class).single()).isEqualTo(2);

        var elsewhere = api.send("PUT", configuration, pointedAt(server.host(), 2, sample));
        assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(200);
        second.close();
        var third = start(database, sample);
        started.add(third);
        var again = new ApiClient(port(third), Admin.token(port(third), "resources:read"));
        assertThat(again.get(configuration).json().get("settings").get("port").asInt()).isEqualTo(2);
    }

    private static String pointedAt(String host, int port, String sample) {
        return "{\"host\":\"" + host + "\",\"port\":" + port + ",\"database\":\"" + sample + "\",\"user\":\""
                + sample + "\",\"password\":\"not-the-real-one\",\"tlsMode\":\"disable\",\"poolSize\":5}";
    }

    @Test
    void anInstanceThatHadDataBeforeTheSampleExistedNeverGetsOne() {
        String database = TestDatabases.createDatabase();
        var before = start(database, sampleName(), "--spring.flyway.target=12", "--toolyard.sample.enabled=false");
        before.close();

        var upgraded = start(database, sampleName());
        started.add(upgraded);

        var jdbc = jdbc(upgraded);
        assertThat(jdbc.sql("select outcome from sample_setup").query(String.class).single()).isEqualTo("skipped");
        assertThat(jdbc.sql("select count(*) from resources").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from apps").query(Long.class).single()).isZero();
    }

    private static ConfigurableApplicationContext start(String database, String sample, String... extra) {
        var args = new ArrayList<>(List.of("--toolyard.db.url=" + database, "--server.port=0",
                "--toolyard.data-dir=target/test-data", "--toolyard.admin.email=" + ToolyardTest.ADMIN_EMAIL,
                "--toolyard.admin.password=" + ToolyardTest.ADMIN_PASSWORD, "--toolyard.sample.database=" + sample));
        args.addAll(List.of(extra));
        // The tests' database is an external one to Toolyard, where the sample is off unless asked for.
        if (args.stream().noneMatch(arg -> arg.startsWith("--toolyard.sample.enabled="))) {
            args.add("--toolyard.sample.enabled=true");
        }
        return new SpringApplicationBuilder(ToolyardApplication.class, TestClockConfiguration.class)
                .run(args.toArray(String[]::new));
    }

    /** Each context its own sample database and role: the tests' server is shared by the whole run. */
    private static String sampleName() {
        return "sample_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static JsonNode run(ApiClient api, String app, String query, String body) {
        var response = api.post(runPath(app, queryId(api, app, query)), body);
        assertThat(response.status()).as(query + ": " + response.body()).isEqualTo(200);
        return response.json();
    }

    private static String runPath(String app, String query) {
        return "/api/v1/apps/" + app + "/queries/" + query + "/run";
    }

    private static String queryId(ApiClient api, String app, String name) {
        var list = api.get("/api/v1/apps/" + app + "/queries");
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        for (var query : items(list.json())) {
            if (query.get("name").asString().equals(name)) {
                return query.get("id").asString();
            }
        }
        throw new AssertionError("no query " + name + " in " + list.body());
    }

    private static Iterable<JsonNode> items(JsonNode json) {
        return json.isArray() ? json : json.get("items");
    }

    private static int column(JsonNode result, String name) {
        var columns = result.get("columns");
        for (int i = 0; i < columns.size(); i++) {
            var column = columns.get(i);
            String label = column.isString() ? column.asString() : column.get("name").asString();
            if (label.equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no column " + name + " in " + columns);
    }

    private static int firstSeller(JsonNode employees) {
        int department = column(employees, "department");
        int title = column(employees, "title");
        for (var row : employees.get("rows")) {
            if (row.get(department).asString().equals("Sales") && !row.get(title).asString().startsWith("Head")) {
                return row.get(column(employees, "id")).asInt();
            }
        }
        throw new AssertionError("nobody in Sales");
    }

    /** Managers' e-mails, most reports first. */
    private static List<String> managersBySize(JsonNode employees) {
        int manager = column(employees, "manager_email");
        var counts = new java.util.HashMap<String, Integer>();
        employees.get("rows").forEach(row -> {
            if (!row.get(manager).isNull()) {
                counts.merge(row.get(manager).asString(), 1, Integer::sum);
            }
        });
        return counts.entrySet().stream().sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed()
                .thenComparing(java.util.Map.Entry.comparingByKey())).map(java.util.Map.Entry::getKey).toList();
    }

    private static List<String> reportsOf(JsonNode employees, String managerEmail) {
        int manager = column(employees, "manager_email");
        int email = column(employees, "email");
        var reports = new ArrayList<String>();
        employees.get("rows").forEach(row -> {
            if (managerEmail.equals(row.get(manager).asString(null))) {
                reports.add(row.get(email).asString());
            }
        });
        return reports;
    }

    private static List<String> emails(JsonNode result) {
        int email = column(result, "email");
        var emails = new ArrayList<String>();
        result.get("rows").forEach(row -> emails.add(row.get(email).asString()));
        return emails;
    }

    private static String sampleAppId(ConfigurableApplicationContext context) {
        return jdbc(context).sql("select app_id::text from sample_setup").query(String.class).single();
    }

    /** The role's password as PostgreSQL keeps it (a SCRAM verifier), to check it is nowhere in the audit trail. */
    private static String sampleRolePassword(ConfigurableApplicationContext context, String role) throws SQLException {
        try (var postgres = context.getBean(DatabaseServer.class).connect("postgres");
                var statement = postgres.prepareStatement("select rolpassword from pg_authid where rolname = ?")) {
            statement.setString(1, role);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static JdbcClient jdbc(ConfigurableApplicationContext context) {
        return context.getBean(JdbcClient.class);
    }
}
