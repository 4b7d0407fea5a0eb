package dev.toolyard.apps;

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

/** T-AP1 with T-A1–T-A3 in the console: the Apps page shows what each level allows, and the service enforces it. */
@ToolyardTest
class AppsConsoleTest {

    @LocalServerPort
    int port;

    private ApiClient api;
    private ConsoleSession admin;

    @BeforeEach
    void signIn() {
        admin = Admin.signedIn(port);
        api = new ApiClient(port, Admin.token(admin, "users:write", "groups:read", "groups:write", "apps:read",
                "apps:write"));
    }

    @Test
    void ownersCreateRenameMoveAndDeleteFoldersAndApps() {
        String folderName = "Sales " + unique();
        assertThat(admin.follow(admin.post("/apps/folders", Map.of("name", folderName))).body())
                .contains("Folder &#39;" + folderName + "&#39; created.", "data-folder=\"" + folderName + "\"");
        String folder = id(api.get("/api/v1/folders").json(), folderName);
        String appName = "Orders " + unique();

        var created = admin.follow(admin.post("/apps", Map.of("name", appName, "folder", folder)));

        assertThat(created.body()).contains("App &#39;" + appName + "&#39; created.");
        assertThat(row(created.body(), appName)).contains("Own", "Rename", "Move", "Delete", "hx-confirm");
        String app = id(api.get("/api/v1/apps").json(), appName);
        assertThat(api.get("/api/v1/apps/" + app).json().get("folderId").asString()).isEqualTo(folder);

        var notEmpty = admin.follow(admin.post("/apps/folders/" + folder + "/delete", Map.of()));
        assertThat(notEmpty.body()).contains("Move or delete the apps in");

        String renamed = "Renamed " + unique();
        assertThat(admin.follow(admin.post("/apps/" + app + "/rename", Map.of("name", renamed))).body())
                .contains("App renamed to &#39;" + renamed + "&#39;.");
        assertThat(admin.follow(admin.post("/apps/" + app + "/move", Map.of("folder", ""))).body())
                .contains("App &#39;" + renamed + "&#39; moved.");
        assertThat(api.get("/api/v1/apps/" + app).json().get("folderId").isNull()).isTrue();
        String folderRenamed = "Renamed folder " + unique();
        assertThat(admin.follow(admin.post("/apps/folders/" + folder + "/rename", Map.of("name", folderRenamed))).body())
                .contains("data-folder=\"" + folderRenamed + "\"");

        assertThat(admin.follow(admin.post("/apps/" + app + "/delete", Map.of())).body())
                .contains("App &#39;" + renamed + "&#39; deleted.").doesNotContain("data-app=\"" + renamed + "\"");
        assertThat(admin.follow(admin.post("/apps/folders/" + folder + "/delete", Map.of())).body())
                .contains("Folder deleted.").doesNotContain(folderRenamed);
        assertThat(api.get("/api/v1/apps/" + app).status()).isEqualTo(404);
    }

    @Test
    void aUserSeesOnlyTheAppsTheyMayUseWithTheirLevelAndTheButtonsItAllows() {
        String folder = created(api.post("/api/v1/folders", "{\"name\":\"Shared " + unique() + "\"}"));
        String usedName = "Used " + unique();
        String editedName = "Edited " + unique();
        String hiddenName = "Hidden " + unique();
        String used = app(folder, usedName);
        String edited = app(folder, editedName);
        app(folder, hiddenName);
        String group = created(api.post("/api/v1/groups", "{\"name\":\"Users of apps " + unique() + "\"}"));
        var person = TestUsers.enabledUser("app-user").create(port, api);
        api.send("PUT", "/api/v1/groups/" + group + "/members/" + person.id(), null);
        api.send("PUT", "/api/v1/groups/" + group + "/access",
                "{\"apps\":{\"" + used + "\":\"USE\",\"" + edited + "\":\"EDIT\"}}");
        var session = person.signIn();

        var page = session.get("/apps");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(usedName, editedName).doesNotContain(hiddenName, "Create folder", "Create app");
        assertThat(row(page.body(), usedName)).contains("<td>Use</td>").doesNotContain("Rename", "Move", "Delete");
        assertThat(row(page.body(), editedName)).contains("<td>Edit</td>", "Rename").doesNotContain("Move", "Delete");

        // The buttons are only a hint: the service refuses what the level does not allow.
        assertThat(session.post("/apps/" + used + "/delete", Map.of()).statusCode()).isEqualTo(403);
        assertThat(session.post("/apps/" + edited + "/delete", Map.of()).statusCode()).isEqualTo(403);
        var folderRefused = session.post("/apps/folders", Map.of("name", "Mine " + unique()));
        assertThat(folderRefused.statusCode()).isEqualTo(403);
        assertThat(folderRefused.body()).contains("You need EDIT on all apps");
        assertThat(session.post("/apps/" + used + "/rename", Map.of("name", "Taken over")).statusCode()).isEqualTo(403);
        assertThat(session.follow(session.post("/apps/" + edited + "/rename", Map.of("name", editedName + " v2"))).body())
                .contains("App renamed to");
        assertThat(api.get("/api/v1/apps/" + used).json().get("name").asString()).isEqualTo(usedName);
    }

    @Test
    void editorsSeeEveryAppAndMayCreateFoldersAndApps() {
        var session = TestUsers.enabledUser("app-editor").in("Editor").create(port, api).signIn();

        var page = session.get("/apps");

        assertThat(page.body()).contains("Create folder", "Create app", "<option value=\"\">Top level</option>");
        String name = "Editor's " + unique();
        assertThat(session.follow(session.post("/apps", Map.of("name", name, "folder", ""))).body())
                .contains("created.", "data-app=\"" + name.replace("'", "&#39;") + "\"");
    }

    /** T-R1 in the console: owners publish and roll back; editors see the list; users of the app see nothing. */
    @Test
    void ownersPublishAndRollBackReleasesEditorsOnlySeeThem() {
        String folder = created(api.post("/api/v1/folders", "{\"name\":\"Released " + unique() + "\"}"));
        String app = app(folder, "Released " + unique());

        var published = admin.follow(admin.post("/apps/" + app + "/releases", Map.of("bump", "minor", "notes", "First")));
        admin.follow(admin.post("/apps/" + app + "/releases", Map.of("bump", "patch", "notes", "Second")));
        var rolledBack = admin.follow(admin.post("/apps/" + app + "/releases/0.1.0/live", Map.of()));

        assertThat(published.body()).contains("Release 0.1.0 published; it is live.", "Publish and make live");
        assertThat(rolledBack.body()).contains("Release 0.1.0 is live.");
        assertThat(releaseRow(rolledBack.body(), "0.1.0")).contains("live").doesNotContain("Make live");
        assertThat(releaseRow(rolledBack.body(), "0.1.1")).contains("Make live");
        assertThat(api.get("/api/v1/apps/" + app + "/releases").json().get(1).get("live").asBoolean()).isTrue();

        String group = created(api.post("/api/v1/groups", "{\"name\":\"Release viewers " + unique() + "\"}"));
        var editor = TestUsers.enabledUser("release-editor").create(port, api);
        var user = TestUsers.enabledUser("release-user").create(port, api);
        String users = created(api.post("/api/v1/groups", "{\"name\":\"Release users " + unique() + "\"}"));
        api.send("PUT", "/api/v1/groups/" + group + "/members/" + editor.id(), null);
        api.send("PUT", "/api/v1/groups/" + users + "/members/" + user.id(), null);
        api.send("PUT", "/api/v1/groups/" + group + "/access", "{\"apps\":{\"" + app + "\":\"EDIT\"}}");
        api.send("PUT", "/api/v1/groups/" + users + "/access", "{\"apps\":{\"" + app + "\":\"USE\"}}");
        var editorSession = editor.signIn();
        var userSession = user.signIn();

        var editorPage = editorSession.get("/apps/" + app + "/releases");
        assertThat(editorPage.statusCode()).isEqualTo(200);
        assertThat(editorPage.body()).contains("0.1.1", "0.1.0").doesNotContain("Publish and make live", "Make live");
        assertThat(editorSession.post("/apps/" + app + "/releases", Map.of("bump", "major")).statusCode()).isEqualTo(403);
        assertThat(editorSession.post("/apps/" + app + "/releases/0.1.1/live", Map.of()).statusCode()).isEqualTo(403);
        assertThat(userSession.get("/apps/" + app + "/releases").statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/apps/" + app + "/releases").json().size()).isEqualTo(2);
    }

    /** T-AP1 in the console: duplicating an app into a folder. */
    @Test
    void anEditorDuplicatesAnAppFromTheAppsPage() {
        String folder = created(api.post("/api/v1/folders", "{\"name\":\"Copied " + unique() + "\"}"));
        String app = app(folder, "Original " + unique());
        String copyName = "Copy " + unique();

        var copied = admin.follow(admin.post("/apps/" + app + "/duplicate", Map.of("name", copyName, "folder", folder)));

        assertThat(copied.body()).contains("App copied as &#39;" + copyName + "&#39;.", "data-app=\"" + copyName + "\"");
        assertThat(id(api.get("/api/v1/apps?folder=" + folder).json(), copyName)).isNotEqualTo(app);
    }

    private static String releaseRow(String html, String version) {
        int marked = html.indexOf(" data-release=\"" + version + "\"");
        assertThat(marked).as("a row of " + version).isNotNegative();
        int start = html.lastIndexOf("<tr", marked);
        return html.substring(start, html.indexOf("</tr>", start));
    }

    private String app(String folder, String name) {
        return created(api.post("/api/v1/apps", "{\"name\":\"" + name + "\",\"folderId\":\"" + folder + "\"}"));
    }

    private static String created(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    @Test
    void theConsoleCreatesModulesAndLabelsThem() {
        String moduleName = "Picker " + unique();
        String appName = "Plain " + unique();
        var page = admin.get("/apps").body();
        assertThat(page).contains("aria-label=\"Create a module\"", "New module");

        var created = admin.follow(admin.post("/apps", Map.of("name", moduleName, "folder", "", "kind", "module")));
        admin.post("/apps", Map.of("name", appName, "folder", ""));

        assertThat(created.body()).contains("Module &#39;" + moduleName + "&#39; created.");
        String body = admin.get("/apps").body();
        assertThat(row(body, moduleName)).contains("<span class=\"tag\">module</span>");
        assertThat(row(body, appName)).doesNotContain("<span class=\"tag\">module</span>");
        String module = id(api.get("/api/v1/apps?kind=module").json(), moduleName);
        assertThat(api.get("/api/v1/apps/" + module).json().get("kind").asString()).isEqualTo("module");
    }

    private static String id(JsonNode list, String name) {
        for (JsonNode item : list) {
            if (item.get("name").asString().equals(name)) {
                return item.get("id").asString();
            }
        }
        throw new AssertionError("nothing named " + name + " in " + list);
    }

    private static String row(String html, String app) {
        int marked = html.indexOf(" data-app=\"" + app + "\"");
        assertThat(marked).as("a row of " + app).isNotNegative();
        int start = html.lastIndexOf("<tr", marked);
        return html.substring(start, html.indexOf("</tr>", start));
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
