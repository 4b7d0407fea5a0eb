package dev.toolyard.resources;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.toolyard.testing.AccessJson;
import dev.toolyard.testing.Admin;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.TestPostgres;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;

/**
 * T-RS1–T-RS3, T-A4 over the API: environments, configurations per environment, secrets that are
 * sealed at rest and never come back (responses, logs, audit entries), connection tests.
 */
@ToolyardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class ResourceConfigurationTest {

    private static final String PASSWORD = "pw-" + UUID.randomUUID();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private TestSpace space;
    private TestPostgres.Database database;

    @BeforeAll
    void space() {
        space = TestSpaces.create(port, "Configurations");
        database = TestPostgres.createDatabase();
    }

    @Test
    void productionAndStagingAreBuiltInAndAdminsAddRenameAndDeleteOthers() {
        var api = space.api();
        var listed = api.get("/api/v1/environments").json();
        assertThat(listed).extracting(environment -> environment.get("name").asString())
                .containsExactly("production", "staging");
        assertThat(listed.get(0).get("builtIn").asBoolean()).isTrue();

        String name = "qa-" + unique();
        assertThat(api.post("/api/v1/environments", "{\"name\":\"" + name + "\"}").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/environments", "{\"name\":\"" + name.toUpperCase() + "\"}").json().get("code")
                .asString()).isEqualTo("environment.name_taken");
        assertThat(api.post("/api/v1/environments", "{\"name\":\"no spaces\"}").json().get("code").asString())
                .isEqualTo("environment.invalid_name");
        var renamed = api.patch("/api/v1/environments/" + name, "{\"name\":\"" + name + "-2\"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(api.patch("/api/v1/environments/production", "{\"name\":\"prod\"}").json().get("code").asString())
                .isEqualTo("environment.built_in");
        assertThat(api.delete("/api/v1/environments/staging").status()).isEqualTo(409);
        assertThat(api.delete("/api/v1/environments/" + name + "-2").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/environments/" + name + "-2").json().get("code").asString())
                .isEqualTo("environment.not_found");

        var editor = space.enabledUser("editor", "Editor").token(port, TestSpaces.ALL_SCOPES);
        assertThat(editor.post("/api/v1/environments", "{\"name\":\"mine\"}").status()).isEqualTo(403);
        assertThat(editor.get("/api/v1/environments").status()).isEqualTo(200);
    }

    @Test
    void secretsAreSealedAtRestAndNeverReturnedLoggedOrAudited(CapturedOutput output) {
        var api = space.api();
        String resource = space.resource("Orders", null);
        String path = "/api/v1/resources/" + resource + "/configurations/production";

        var saved = api.send("PUT", path, sqlSettings(database.host(), PASSWORD));

        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("settings").get("passwordSet").asBoolean()).isTrue();
        assertThat(saved.json().get("settings").get("host").asString()).isEqualTo(database.host());
        assertThat(saved.body()).doesNotContain(PASSWORD);
        assertThat(api.get(path).body()).doesNotContain(PASSWORD).contains("\"passwordSet\":true");
        assertThat(api.get("/api/v1/resources/" + resource + "/configurations").body()).doesNotContain(PASSWORD);
        assertThat(jdbc.sql("select count(*) from resource_configurations t where t::text like ?")
                .param("%" + PASSWORD + "%").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select secrets ->> 'password' from resource_configurations where resource_id = ?")
                .param(UUID.fromString(resource)).query(String.class).single()).startsWith("v1:");

        // A PUT without the password keeps it; the connection test proves it is still the right one.
        var kept = api.send("PUT", path, sqlSettings(database.host(), null).replace(",\"password\":null", ""));
        assertThat(kept.json().get("settings").get("passwordSet").asBoolean()).as(kept.body()).isTrue();
        assertThat(api.post(path + "/test", null).json().get("ok").asBoolean()).isTrue();

        // Pointing at another server without the password again is refused: it would carry the secret there.
        var moved = api.send("PUT", path, sqlSettings("db.elsewhere.example", null).replace(",\"password\":null", ""));
        assertThat(moved.status()).isEqualTo(400);
        assertThat(moved.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
        assertThat(moved.json().get("errors").get(0).get("code").asString()).isEqualTo("field.secret_required");

        var cleared = api.send("PUT", path, sqlSettings(database.host(), null));
        assertThat(cleared.json().get("settings").get("passwordSet").asBoolean()).isFalse();

        var trail = jdbc.sql("select t::text from audit_entries t where target_id = ? order by id")
                .param(resource).query(String.class).list();
        assertThat(trail).hasSizeGreaterThanOrEqualTo(4).noneMatch(entry -> entry.contains(PASSWORD));
        var changes = jdbc.sql("select after_state from audit_entries where target_id = ? and action = ? order by id")
                .params(resource, "resource.configuration_saved").query(String.class).list();
        assertThat(changes).hasSize(3);
        assertThat(changes.get(0)).contains("\"writeOnlyFieldsChanged\":[\"password\"]", "\"host\":\"" + database.host());
        assertThat(changes.get(1)).contains("\"writeOnlyFieldsChanged\":[]");
        assertThat(changes.get(2)).contains("\"writeOnlyFieldsChanged\":[\"password\"]");
        assertThat(output.getAll()).doesNotContain(PASSWORD);
    }

    @Test
    void invalidSettingsAreRefusedWithEveryFieldProblemAndChangeNothing() {
        var api = space.api();
        String resource = space.resource("Broken", null);
        String path = "/api/v1/resources/" + resource + "/configurations/staging";

        var refused = api.send("PUT", path, "{\"host\":\"db.example?sslfactory=x\",\"port\":70000,\"database\":\"a/b\","
                + "\"user\":\"\",\"tlsMode\":\"maybe\",\"poolSize\":50,\"colour\":\"red\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asString()).isEqualTo("configuration.invalid");
        assertThat(refused.json().get("errors")).extracting(error -> error.get("field").asString())
                .containsExactlyInAnyOrder("colour", "host", "port", "database", "user", "tlsMode", "poolSize");
        assertThat(api.get(path).json().get("code").asString()).isEqualTo("configuration.not_found");
    }

    @Test
    void useSeesTheConfigurationEditChangesItAndNoGrantSeesNothing() {
        var api = space.api();
        String resource = space.resource("Graded", null);
        String path = "/api/v1/resources/" + resource + "/configurations/production";
        assertThat(api.send("PUT", path, sqlSettings(database.host(), PASSWORD)).status()).isEqualTo(200);
        var user = space.enabledUser("reader");
        String group = space.group("Readers");
        space.addMember(group, user.id());
        space.saveAccess(group, AccessJson.access().resource(resource, "USE").json());
        var reader = user.token(port, TestSpaces.ALL_SCOPES);
        var stranger = space.enabledUser("stranger").token(port, TestSpaces.ALL_SCOPES);

        assertThat(reader.get(path).status()).isEqualTo(200);
        assertThat(reader.get(path).body()).doesNotContain(PASSWORD);
        assertThat(reader.send("PUT", path, sqlSettings(database.host(), "x")).status()).isEqualTo(403);
        assertThat(reader.post(path + "/test", sqlSettings(database.host(), "x")).status()).isEqualTo(403);
        assertThat(reader.post(path + "/test", null).json().get("ok").asBoolean()).isTrue();
        assertThat(stranger.get(path).json().get("code").asString()).isEqualTo("resource.not_found");
        assertThat(space.api().get(path).status()).isEqualTo(200);
    }

    @Test
    void anEnvironmentLimitedToAGroupIsRefusedToOthers() {
        var api = space.api();
        String resource = space.resource("Limited", null);
        String group = space.group("Ops");
        var member = space.enabledUser("ops");
        var other = space.enabledUser("dev");
        space.addMember(group, member.id());
        String everyone = space.group("Everyone");
        space.addMember(everyone, member.id());
        space.addMember(everyone, other.id());
        space.saveAccess(everyone, AccessJson.access().resource(resource, "EDIT").json());
        String name = "ops-" + unique();
        var created = api.post("/api/v1/environments", "{\"name\":\"" + name + "\",\"limited\":true,\"groupIds\":[\""
                + group + "\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String path = "/api/v1/resources/" + resource + "/configurations/" + name;
        var memberApi = member.token(port, TestSpaces.ALL_SCOPES);
        var otherApi = other.token(port, TestSpaces.ALL_SCOPES);

        assertThat(memberApi.send("PUT", path, sqlSettings(database.host(), PASSWORD)).status()).isEqualTo(200);
        var refused = otherApi.get(path);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asString()).isEqualTo("environment.denied");
        assertThat(otherApi.send("PUT", path, sqlSettings(database.host(), "x")).status()).isEqualTo(403);
        var listed = otherApi.get("/api/v1/resources/" + resource + "/configurations").json();
        assertThat(listed).extracting(view -> view.get("environment").asString()).doesNotContain(name);
        var environments = otherApi.get("/api/v1/environments").json();
        for (var environment : environments) {
            if (environment.get("name").asString().equals(name)) {
                assertThat(environment.get("usable").asBoolean()).isFalse();
            }
        }
        assertThat(api.get(path).status()).as("admins use every environment").isEqualTo(200);

        // The group deleted: the environment stays limited (to admins), it does not open to everyone.
        assertThat(api.delete("/api/v1/groups/" + group).status()).isEqualTo(204);
        assertThat(memberApi.get(path).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/environments/" + name).json().get("limited").asBoolean()).isTrue();
    }

    @Test
    void theConnectionTestAnswersOkOrTheSourcesErrorWithStoredOrUnsavedSettings() {
        var api = space.api();
        String resource = space.resource("Tested", null);
        String path = "/api/v1/resources/" + resource + "/configurations/staging";
        assertThat(api.post(path + "/test", null).json().get("code").asString()).isEqualTo("configuration.not_found");

        var ok = api.post(path + "/test", sqlSettings(database.host(), PASSWORD));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("ok").asBoolean()).as(ok.body()).isTrue();

        var missing = api.post(path + "/test", sqlSettings(database.host(), PASSWORD).replace(database.name(), "nowhere_db"));
        assertThat(missing.json().get("ok").asBoolean()).isFalse();
        assertThat(missing.json().get("code").asString()).isEqualTo("source.authentication_failed");
        assertThat(missing.json().get("message").asString()).contains("nowhere_db");

        // A closed port on this machine: refused at once.
        var closed = api.post(path + "/test", sqlSettings("127.0.0.1", PASSWORD).replace("\"port\":" + database.port(),
                "\"port\":1"));
        assertThat(closed.json().get("ok").asBoolean()).isFalse();
        assertThat(closed.json().get("code").asString()).isEqualTo("source.unreachable");
        assertThat(api.get(path).status()).as("a test stores nothing").isEqualTo(404);
    }

    @Test
    void theResourcePageShowsOneFormPerEnvironmentAndSavesThroughTheSameService() {
        String resource = space.resource("Console", null);
        var console = space.console();
        var page = console.get("/resources/" + resource);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-environment=\"production\"", "data-environment=\"staging\"",
                "Test connection", "hx-post=\"/resources/" + resource + "/configurations/staging/test\"");

        var saved = console.post("/resources/" + resource + "/configurations/staging", Map.of("host", database.host(),
                "port", Integer.toString(database.port()), "database", database.name(), "user", database.user(),
                "password", PASSWORD, "tlsMode", "disable", "poolSize", "2", "connectTimeoutSeconds", "5"));
        assertThat(console.follow(saved).body()).contains("Configuration for &#39;staging&#39; saved.")
                .doesNotContain(PASSWORD);
        var stored = space.api().get("/api/v1/resources/" + resource + "/configurations/staging").json().get("settings");
        assertThat(stored.get("passwordSet").asBoolean()).isTrue();
        assertThat(stored.get("poolSize").asInt()).isEqualTo(2);

        var tested = console.post("/resources/" + resource + "/configurations/staging/test", Map.of());
        assertThat(tested.body()).contains("Connected in");
        var unsaved = console.post("/resources/" + resource + "/configurations/staging/test", Map.of("host",
                database.host(), "port", "1", "database", database.name(), "user", database.user(), "password", "x",
                "tlsMode", "disable"));
        assertThat(unsaved.body()).contains("source.unreachable");

        var environments = console.get("/environments");
        assertThat(environments.statusCode()).isEqualTo(200);
        assertThat(environments.body()).contains("data-environment=\"production\"", "built in");
        assertThat(space.enabledUser("viewer", "Viewer").signIn(port).get("/environments").statusCode()).isEqualTo(403);
    }

    /** T-SP5: copying from the admin space brings its custom environments, their limits following groups by name. */
    @Test
    void aSpaceCopyingFromTheAdminSpaceGetsItsCustomEnvironments() {
        var instanceAdmin = new ApiClient(port, Admin.token(port, "resources:read", "resources:write", "groups:read",
                "groups:write", "spaces:write"));
        String groupName = "Finance " + unique();
        String group = instanceAdmin.post("/api/v1/groups", "{\"name\":\"" + groupName + "\"}").json().get("id").asString();
        String name = "audit-" + unique();
        assertThat(instanceAdmin.post("/api/v1/environments", "{\"name\":\"" + name + "\",\"limited\":true,"
                + "\"groupIds\":[\"" + group + "\"]}").status()).isEqualTo(201);

        var child = instanceAdmin.post("/api/v1/spaces", "{\"name\":\"Copied " + unique()
                + "\",\"copyFromAdminSpace\":true}");
        assertThat(child.status()).as(child.body()).isEqualTo(201);
        String childId = child.json().get("id").asString();

        var copied = jdbc.sql("""
                select e.limited, g.name from environments e
                join environment_groups eg on eg.environment_id = e.id join permission_groups g on g.id = eg.group_id
                where e.space_id = ? and e.name = ?""").params(UUID.fromString(childId), name)
                .query((rs, n) -> rs.getBoolean(1) + " " + rs.getString(2)).list();
        assertThat(copied).containsExactly("true " + groupName);
        assertThat(jdbc.sql("select count(*) from environments where space_id = ?").param(UUID.fromString(childId))
                .query(Long.class).single()).isEqualTo(3L);
        assertThat(jdbc.sql("select count(*) from audit_entries where space_id = ? and action = ?")
                .params(UUID.fromString(childId), "environment.copied_from_admin_space").query(Long.class).single())
                .isEqualTo(1L);
    }

    private String sqlSettings(String host, String password) {
        return "{\"host\":\"" + host + "\",\"port\":" + database.port() + ",\"database\":\"" + database.name()
                + "\",\"user\":\"" + database.user() + "\",\"password\":" + (password == null ? "null" : "\"" + password + "\"")
                + ",\"tlsMode\":\"disable\",\"poolSize\":2,\"connectTimeoutSeconds\":5}";
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
