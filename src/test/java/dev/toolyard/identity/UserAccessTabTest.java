package dev.toolyard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.toolyard.testing.Admin;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.ConsoleSession;
import dev.toolyard.testing.TestUsers;
import dev.toolyard.testing.ToolyardTest;

/** T-U6 with T-A8: the access tab of a user's detail explains every folder and app they reach. */
@ToolyardTest
class UserAccessTabTest {

    @LocalServerPort
    int port;

    private ApiClient api;
    private ConsoleSession admin;

    @BeforeEach
    void signIn() {
        admin = Admin.signedIn(port);
        api = new ApiClient(port, Admin.token(admin, "users:read", "users:write", "groups:read", "groups:write",
                "apps:read", "apps:write"));
    }

    @Test
    void theAccessTabShowsEachReachableObjectWithItsLevelAndTheGroupsThatGiveIt() {
        String folderName = "Finance " + unique();
        String folder = created(api.post("/api/v1/folders", "{\"name\":\"" + folderName + "\"}"));
        String ledgerName = "Ledger " + unique();
        String ledger = created(api.post("/api/v1/apps", "{\"name\":\"" + ledgerName + "\",\"folderId\":\"" + folder + "\"}"));
        String outOfReach = "Out of reach " + unique();
        String otherFolder = created(api.post("/api/v1/folders", "{\"name\":\"" + outOfReach + "\"}"));
        String groupName = "Accountants " + unique();
        String group = created(api.post("/api/v1/groups", "{\"name\":\"" + groupName + "\"}"));
        var person = TestUsers.enabledUser("explained").in("Viewer").create(port, api);
        api.send("PUT", "/api/v1/groups/" + group + "/members/" + person.id(), null);
        api.send("PUT", "/api/v1/groups/" + group + "/access", "{\"folders\":{\"" + folder + "\":\"OWN\"},\"apps\":{\""
                + ledger + "\":\"EDIT\"}}");

        var tab = admin.get("/users/" + person.id() + "?tab=access");

        assertThat(tab.statusCode()).isEqualTo(200);
        assertThat(tab.body()).contains("aria-current=\"page\">Access</a>");
        String folderRow = row(tab.body(), folderName);
        assertThat(folderRow).contains("folder", "<td class=\"level\">Own</td>", groupName, "folder grant", "— wins", "Viewer");
        String appRow = row(tab.body(), ledgerName);
        assertThat(appRow).contains("app", folderName, "<td class=\"level\">Edit</td>", "Viewer", "app grant");
        assertThat(appRow.substring(appRow.indexOf("class=\"winner\""))).contains(groupName);
        // Viewer uses every app and folder: even the folder the custom group does not name is reached, through Viewer only.
        assertThat(row(tab.body(), outOfReach)).contains("<td class=\"level\">Use</td>", "built-in rule of Viewer")
                .doesNotContain(groupName);
        assertThat(otherFolder).isNotBlank();

        var details = admin.get("/users/" + person.id());
        assertThat(details.body()).contains("Attributes").doesNotContain("data-reach");
    }

    @Test
    void withoutAGroupAUserReachesNothingAndTheTabSaysSo() {
        var person = TestUsers.enabledUser("unreached").create(port, api);

        var tab = admin.get("/users/" + person.id() + "?tab=access");

        assertThat(tab.body()).contains("No folder or app is open to them.");
    }

    private static String created(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private static String row(String html, String name) {
        int marked = html.indexOf(" data-reach=\"" + name + "\"");
        assertThat(marked).as("a row of " + name).isNotNegative();
        int start = html.lastIndexOf("<tr", marked);
        return html.substring(start, html.indexOf("</tr>", start));
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
