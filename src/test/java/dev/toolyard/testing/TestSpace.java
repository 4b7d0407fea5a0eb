package dev.toolyard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.toolyard.testing.TestSpaces.Person;
import tools.jackson.databind.JsonNode;

/**
 * A child space seen by its space admin: a session and a token with every scope, and small
 * steps that tests repeat (people, groups, folders, apps, resources), each through the API.
 */
public final class TestSpace {

    private final int port;
    private final String id;
    private final String name;
    private final Person admin;
    private final ConsoleSession console;
    private final ApiClient api;

    TestSpace(int port, String id, String name, Person admin, ConsoleSession console, ApiClient api) {
        this.port = port;
        this.id = id;
        this.name = name;
        this.admin = admin;
        this.console = console;
        this.api = api;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The space admin: a member of this space's Admin group. */
    public Person admin() {
        return admin;
    }

    public ConsoleSession console() {
        return console;
    }

    /** The space admin's token, with every scope a space admin may hold. */
    public ApiClient api() {
        return api;
    }

    /** An invited user (no password yet), in the given built-in groups; returns the user's id. */
    public String invite(String prefix, String... builtInGroups) {
        return invitation(prefix, builtInGroups).get("user").get("id").asString();
    }

    /** A user who accepted the invitation and can sign in. */
    public Person enabledUser(String prefix, String... builtInGroups) {
        return TestSpaces.accept(port, invitation(prefix, builtInGroups));
    }

    private JsonNode invitation(String prefix, String... builtInGroups) {
        var invited = api.post("/api/v1/users/invitations", "{\"email\":\"" + TestSpaces.email(prefix)
                + "\",\"groups\":" + TestSpaces.jsonList(List.of(builtInGroups)) + "}");
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        return invited.json();
    }

    /** A new custom group; returns its id. */
    public String group(String prefix) {
        return created(api.post("/api/v1/groups", nameJson(prefix)));
    }

    /** The id of a built-in group: ALL_USERS, VIEWER, EDITOR or ADMIN. */
    public String builtInGroup(String builtIn) {
        for (var group : api.get("/api/v1/groups").json()) {
            if (builtIn.equals(text(group.get("builtIn")))) {
                return group.get("id").asString();
            }
        }
        throw new AssertionError("No built-in group " + builtIn + " in " + name);
    }

    public void addMember(String group, String user) {
        var added = api.send("PUT", "/api/v1/groups/" + group + "/members/" + user, null);
        assertThat(added.status()).as(added.body()).isEqualTo(204);
    }

    /** Replaces the group's access; fails unless saved. */
    public void saveAccess(String group, String accessJson) {
        var saved = api.send("PUT", "/api/v1/groups/" + group + "/access", accessJson);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    public String folder(String prefix) {
        return created(api.post("/api/v1/folders", nameJson(prefix)));
    }

    /** An app in the folder, or at the root for {@code null}. */
    public String app(String prefix, String folder) {
        return created(api.post("/api/v1/apps", "{\"name\":\"" + TestSpaces.unique(prefix) + "\",\"folderId\":"
                + quoted(folder) + "}"));
    }

    public String resourceFolder(String prefix) {
        return created(api.post("/api/v1/resource-folders", nameJson(prefix)));
    }

    /** A PostgreSQL resource in the resource folder, or at the root for {@code null}. */
    public String resource(String prefix, String resourceFolder) {
        return created(api.post("/api/v1/resources", "{\"name\":\"" + TestSpaces.unique(prefix)
                + "\",\"kind\":\"POSTGRESQL\",\"folderId\":" + quoted(resourceFolder) + "}"));
    }

    /** Points the resource's production configuration at a test database. */
    public void configureProduction(String resource, TestPostgres.Database database) {
        var configured = api.send("PUT", "/api/v1/resources/" + resource + "/configurations/production",
                "{\"host\":\"" + database.host() + "\",\"port\":" + database.port() + ",\"database\":\""
                        + database.name() + "\",\"user\":\"" + database.user()
                        + "\",\"password\":\"unused\",\"tlsMode\":\"disable\",\"poolSize\":2}");
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
    }

    /** Moves an app into the folder ({@code null}: the root) as the space admin. */
    public void moveApp(String app, String folder) {
        var moved = api.patch("/api/v1/apps/" + app, "{\"move\":true,\"folderId\":" + quoted(folder) + "}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    }

    public void moveResource(String resource, String folder) {
        var moved = api.patch("/api/v1/resources/" + resource, "{\"move\":true,\"folderId\":" + quoted(folder) + "}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    }

    /** The user's effective level on the object as the explain API gives it, {@code null} for none. */
    public String level(String user, String objectParam, String object) {
        return text(explain(user, objectParam, object).get("effective"));
    }

    /** {@code objectParam}: app, folder, resource or resourceFolder. */
    public JsonNode explain(String user, String objectParam, String object) {
        var explained = api.get("/api/v1/access/explain?user=" + user + "&" + objectParam + "=" + object);
        assertThat(explained.status()).as(explained.body()).isEqualTo(200);
        return explained.json();
    }

    public Map<String, String> builtInGroups() {
        return Map.of("ALL_USERS", builtInGroup("ALL_USERS"), "VIEWER", builtInGroup("VIEWER"),
                "EDITOR", builtInGroup("EDITOR"), "ADMIN", builtInGroup("ADMIN"));
    }

    private static String created(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private static String nameJson(String prefix) {
        return "{\"name\":\"" + TestSpaces.unique(prefix) + "\"}";
    }

    /** A JSON string, or {@code null} for a JSON null or a missing field. */
    public static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
