package dev.toolyard.queries;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.toolyard.audit.AuditLog;
import dev.toolyard.testing.AccessJson;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.TestPostgres;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;

/**
 * T-R1 for queries: a release freezes the app's queries and library imports, so end users run the
 * live release's query text whatever the draft holds, a rollback changes which text runs, and
 * builders may run the draft or any release.
 */
@ToolyardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReleasedQueryRunsTest {

    private static final String PASSWORD = "released-" + UUID.randomUUID();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog auditLog;

    private TestSpace space;
    private ApiClient owner;
    private ApiClient user;
    private ApiClient editor;
    private String users;
    private String editors;
    private String resource;

    @BeforeAll
    void space() {
        space = TestSpaces.create(port, "Released runs");
        owner = space.api();
        var endUser = space.enabledUser("end-user");
        var builder = space.enabledUser("builder");
        users = space.group("Users");
        editors = space.group("Editors");
        space.addMember(users, endUser.id());
        space.addMember(editors, builder.id());
        user = endUser.token(port, "apps:read", "queries:run");
        editor = builder.token(port, "apps:read", "apps:write", "queries:run");
        var database = TestPostgres.createDatabase();
        resource = space.resource("Db", null);
        var configured = owner.send("PUT", "/api/v1/resources/" + resource + "/configurations/production",
                "{\"host\":\"" + database.host() + "\",\"port\":" + database.port() + ",\"database\":\""
                        + database.name() + "\",\"user\":\"" + database.user() + "\",\"password\":\"" + PASSWORD
                        + "\",\"tlsMode\":\"disable\",\"poolSize\":2}");
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
    }

    @Test
    void endUsersRunTheLiveReleasesQueryEvenAfterTheDraftChanged() {
        String app = app();
        String query = query(app, "select 'one' as v");
        assertThat(value(user, app, query, null)).as("the draft runs before the first release").isEqualTo("one");
        publish(app);

        change(app, query, "select 'two' as v");

        assertThat(value(user, app, query, null)).isEqualTo("one");
        assertThat(value(user, app, query, "live")).isEqualTo("one");
        assertThat(value(editor, app, query, "latest")).isEqualTo("two");
        assertThat(value(editor, app, query, "1.0.0")).isEqualTo("one");
        var forbidden = user.post(run(app, query), "{\"release\":\"latest\"}");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().get("code").asString()).isEqualTo("app.release_forbidden");
    }

    @Test
    void aRollbackChangesWhichQueryTextRuns() {
        String app = app();
        String query = query(app, "select 'first' as v");
        publish(app);
        change(app, query, "select 'second' as v");
        publish(app);
        assertThat(value(user, app, query, null)).isEqualTo("second");

        var rolledBack = owner.post("/api/v1/apps/" + app + "/releases/1.0.0/live", null);

        assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
        assertThat(value(user, app, query, null)).isEqualTo("first");
    }

    @Test
    void aQueryAddedAfterTheLiveReleaseIsNotRunnableByEndUsers() {
        String app = app();
        query(app, "select 'kept' as v");
        publish(app);
        String added = query(app, "select 'new' as v");

        var refused = user.post(run(app, added), "{}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(404);
        assertThat(refused.json().get("code").asString()).isEqualTo("query.not_found");
        assertThat(value(editor, app, added, "latest")).isEqualTo("new");
    }

    @Test
    void aReleaseKeepsTheLibraryVersionItFroze() {
        String app = app();
        String library = created(owner.post("/api/v1/query-library", "{\"name\":\"shared" + unique()
                + "\",\"resourceId\":\"" + resource + "\",\"openToLibrary\":true,\"fields\":[{\"name\":\"sql\","
                + "\"template\":\"select 'v1' as v\"}]}"));
        String imported = created(owner.post("/api/v1/apps/" + app + "/library-imports",
                "{\"libraryQueryId\":\"" + library + "\",\"name\":\"shared\"}"));
        publish(app);
        var published = owner.post("/api/v1/query-library/" + library + "/versions", "{\"resourceId\":\"" + resource
                + "\",\"fields\":[{\"name\":\"sql\",\"template\":\"select 'v2' as v\"}],\"notes\":\"second\"}");
        assertThat(published.status()).as(published.body()).isEqualTo(201);

        var live = user.post("/api/v1/apps/" + app + "/library-imports/" + imported + "/run", "{}");
        var latest = editor.post("/api/v1/apps/" + app + "/library-imports/" + imported + "/run",
                "{\"release\":\"latest\"}");
        var deleted = owner.delete("/api/v1/apps/" + app + "/library-imports/" + imported);
        var libraryDelete = owner.delete("/api/v1/query-library/" + library);

        assertThat(live.json().get("rows").get(0).get(0).asString()).as(live.body()).isEqualTo("v1");
        assertThat(latest.json().get("rows").get(0).get(0).asString()).as(latest.body()).isEqualTo("v2");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(libraryDelete.status()).as("a release still runs it").isEqualTo(409);
        assertThat(libraryDelete.json().get("code").asString()).isEqualTo("library_query.in_use");
    }

    @Test
    void aRunOfAReleaseIsAuditedWithItsVersion() throws InterruptedException {
        String app = app();
        String query = query(app, "select 'audited' as v");
        publish(app);

        value(user, app, query, null);

        assertThat(runEntry(query)).contains("\"release\":\"1.0.0\"");
    }

    /**
     * The run's audit entry. The server queues it after the last byte of the result, which the
     * client may read first, so a flush right after the response can come before the entry is
     * queued: wait for it, a few seconds at most.
     */
    private String runEntry(String query) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (true) {
            auditLog.flush();
            var entry = jdbc.sql("select after_state from audit_entries where action = 'query.run' and target_id = ? "
                    + "order by id desc limit 1").param(query).query(String.class).optional();
            if (entry.isPresent() || System.nanoTime() > deadline) {
                return entry.orElse("no audit entry of the run");
            }
            Thread.sleep(50);
        }
    }

    private String app() {
        String app = space.app("Released", null);
        space.saveAccess(users, AccessJson.access().app(app, "USE").json());
        space.saveAccess(editors, AccessJson.access().app(app, "EDIT").json());
        return app;
    }

    private String query(String app, String sql) {
        return created(owner.post("/api/v1/apps/" + app + "/queries", "{\"name\":\"q" + unique() + "\",\"resourceId\":\""
                + resource + "\",\"fields\":[{\"name\":\"sql\",\"template\":\"" + sql + "\"}]}"));
    }

    private void change(String app, String query, String sql) {
        var current = owner.get("/api/v1/apps/" + app + "/queries/" + query).json();
        var saved = owner.send("PUT", "/api/v1/apps/" + app + "/queries/" + query, "{\"name\":\""
                + current.get("name").asString() + "\",\"resourceId\":\"" + resource + "\",\"fields\":[{\"name\":"
                + "\"sql\",\"template\":\"" + sql + "\"}]}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    private void publish(String app) {
        var published = owner.post("/api/v1/apps/" + app + "/releases", "{\"bump\":\"major\",\"notes\":\"\"}");
        assertThat(published.status()).as(published.body()).isEqualTo(201);
    }

    private String value(ApiClient api, String app, String query, String release) {
        var response = api.post(run(app, query), release == null ? "{}" : "{\"release\":\"" + release + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("rows").get(0).get(0).asString();
    }

    private static String run(String app, String query) {
        return "/api/v1/apps/" + app + "/queries/" + query + "/run";
    }

    private static String created(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
