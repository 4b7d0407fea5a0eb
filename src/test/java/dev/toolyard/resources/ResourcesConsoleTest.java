package dev.toolyard.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.toolyard.testing.Admin;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.ConsoleSession;
import dev.toolyard.testing.TestUsers;
import dev.toolyard.testing.ToolyardTest;
import tools.jackson.databind.JsonNode;

/** T-RS1 with T-A4 in the console: the Resources page shows what each level allows, and the service enforces it. */
@ToolyardTest
class ResourcesConsoleTest {

    @LocalServerPort
    int port;

    private ApiClient api;
    private ConsoleSession admin;

    @BeforeEach
    void signIn() {
        admin = Admin.signedIn(port);
        api = new ApiClient(port, Admin.token(admin, "users:write", "groups:read", "groups:write", "resources:read",
                "resources:write"));
    }

    @Test
    void adminsCreateRenameMoveAndDeleteResourceFoldersAndResources() {
        String folderName = "Warehouse " + unique();
        assertThat(admin.follow(admin.post("/resources/folders", Map.of("name", folderName))).body())
                .contains("Resource folder &#39;" + folderName + "&#39; created.");
        String folder = id(api.get("/api/v1/resource-folders").json(), folderName);
        String name = "Stock " + unique();

        var created = admin.follow(admin.post("/resources", Map.of("name", name, "kind", "MYSQL", "folder", folder)));

        assertThat(created.body()).contains("Resource &#39;" + name + "&#39; created.", "<option value=\"REST\">REST</option>");
        assertThat(row(created.body(), name)).contains("MYSQL", "Edit", "Rename", "Move", "hx-confirm");
        String resource = id(api.get("/api/v1/resources").json(), name);
        assertThat(api.get("/api/v1/resources/" + resource).json().get("folderId").asString()).isEqualTo(folder);
        assertThat(admin.follow(admin.post("/resources", Map.of("name", "Odd " + unique(), "kind", "ORACLE"))).body())
                .contains("kind must be one of");

        String renamed = "Renamed " + unique();
        admin.follow(admin.post("/resources/" + resource + "/rename", Map.of("name", renamed)));
        assertThat(admin.follow(admin.post("/resources/" + resource + "/move", Map.of("folder", ""))).body())
                .contains("Resource &#39;" + renamed + "&#39; moved.");
        assertThat(api.get("/api/v1/resources/" + resource).json().get("folderId").isNull()).isTrue();

        assertThat(admin.follow(admin.post("/resources/" + resource + "/delete", Map.of())).body())
                .contains("Resource &#39;" + renamed + "&#39; deleted.");
        assertThat(admin.follow(admin.post("/resources/folders/" + folder + "/delete", Map.of())).body())
                .contains("Resource folder deleted.").doesNotContain(folderName);
        assertThat(api.get("/api/v1/resources/" + resource).status()).isEqualTo(404);
    }

    @Test
    void aUserWithUseSeesTheResourceButCannotChangeIt() {
        String folder = created(api.post("/api/v1/resource-folders", "{\"name\":\"Shared data " + unique() + "\"}"));
        String usedName = "Readable " + unique();
        String hiddenName = "Secret " + unique();
        String used = resource(folder, usedName);
        resource(folder, hiddenName);
        String group = created(api.post("/api/v1/groups", "{\"name\":\"Readers " + unique() + "\"}"));
        var person = TestUsers.enabledUser("resource-user").create(port, api);
        api.send("PUT", "/api/v1/groups/" + group + "/members/" + person.id(), null);
        api.send("PUT", "/api/v1/groups/" + group + "/access", "{\"resources\":{\"" + used + "\":\"USE\"}}");
        var session = person.signIn();

        var page = session.get("/resources");

        assertThat(page.body()).contains(usedName).doesNotContain(hiddenName, "Create resource");
        assertThat(row(page.body(), usedName)).contains("<td>Use</td>").doesNotContain("Rename", "Move", "Delete");
        assertThat(session.post("/resources/" + used + "/delete", Map.of()).statusCode()).isEqualTo(403);
        assertThat(session.post("/resources/folders", Map.of("name", "Mine")).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/resources/" + used).status()).isEqualTo(200);
    }

    private String resource(String folder, String name) {
        return created(api.post("/api/v1/resources", "{\"name\":\"" + name + "\",\"kind\":\"REST\",\"folderId\":\""
                + folder + "\"}"));
    }

    private static String created(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private static String id(JsonNode list, String name) {
        for (JsonNode item : list) {
            if (item.get("name").asString().equals(name)) {
                return item.get("id").asString();
            }
        }
        throw new AssertionError("nothing named " + name + " in " + list);
    }

    private static String row(String html, String name) {
        int marked = html.indexOf(" data-resource=\"" + name + "\"");
        assertThat(marked).as("a row of " + name).isNotNegative();
        int start = html.lastIndexOf("<tr", marked);
        return html.substring(start, html.indexOf("</tr>", start));
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
