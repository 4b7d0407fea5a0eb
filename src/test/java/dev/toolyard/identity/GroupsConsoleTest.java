package dev.toolyard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.toolyard.testing.Admin;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.ConsoleSession;
import dev.toolyard.testing.TestUsers;
import dev.toolyard.testing.ToolyardTest;
import tools.jackson.databind.JsonNode;

/** T-G1–T-G5 in the console: the groups page, a group's members and group admins, and the access editor. */
@ToolyardTest
class GroupsConsoleTest {

    private static final Pattern COUNT = Pattern.compile("<td class=\"count\">(\\d+)</td>");

    @LocalServerPort
    int port;

    private ApiClient api;
    private ConsoleSession admin;

    @BeforeEach
    void signIn() {
        admin = Admin.signedIn(port);
        api = new ApiClient(port, Admin.token(admin, "users:read", "users:write", "groups:read", "groups:write",
                "apps:read", "apps:write", "resources:read", "resources:write"));
    }

    /** T-G2, T-G4. */
    @Test
    void adminsCreateRenameAndDeleteGroupsAndSeeTheirCounts() {
        String name = "Support " + unique();
        var created = admin.post("/groups", Map.of("name", name));
        String id = groupIdFrom(created);
        assertThat(admin.follow(created).body()).contains("Group &#39;" + name + "&#39; created.", "No members yet.");
        var member = TestUsers.enabledUser("counted").create(port, api);
        admin.post("/groups/" + id + "/members", Map.of("email", member.email()));
        String app = app(folder("Counted " + unique()), "Counted app");
        String resource = resource(null, "Counted db " + unique());
        api.send("PUT", "/api/v1/groups/" + id + "/access",
                "{\"apps\":{\"" + app + "\":\"USE\"},\"resources\":{\"" + resource + "\":\"USE\"}}");

        var page = admin.get("/groups");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(counts(row(page.body(), "data-group", name))).containsExactly("1", "1", "1");
        assertThat(row(page.body(), "data-group", "Viewer")).contains("built-in").doesNotContain("/delete");

        String renamed = "Renamed " + unique();
        var rename = admin.post("/groups/" + id + "/rename", Map.of("name", renamed));
        assertThat(admin.follow(rename).body()).contains("Group renamed to &#39;" + renamed + "&#39;.");
        var taken = admin.follow(admin.post("/groups", Map.of("name", renamed)));
        assertThat(taken.body()).contains("already exists");

        var deleted = admin.follow(admin.post("/groups/" + id + "/delete", Map.of()));

        assertThat(deleted.body()).contains("Group &#39;" + renamed + "&#39; deleted.").doesNotContain("data-group=\"" + renamed + "\"");
        assertThat(api.get("/api/v1/groups/" + id).status()).isEqualTo(404);
    }

    /** T-G1: the built-in groups stay. */
    @Test
    void builtInGroupsCannotBeRenamedOrDeletedAndShowTheirFixedRulesReadOnly() {
        String viewer = groupId("Viewer");

        var refused = admin.follow(admin.post("/groups/" + viewer + "/delete", Map.of()));
        assertThat(refused.body()).contains("built-in group");
        var access = admin.get("/groups/" + viewer + "/access");
        assertThat(access.body()).contains("Use on every folder and app", "Use on every resource folder and resource")
                .doesNotContain("data-unsaved-warning", "Save access");
        var save = admin.follow(admin.post("/groups/" + viewer + "/access", Map.of("globalApps", "OWN")));
        assertThat(save.body()).contains("are built in and cannot be changed");
        var allUsers = admin.get("/groups/" + groupId("All Users"));
        assertThat(allUsers.body()).contains("membership is automatic").doesNotContain("Add member");
        assertThat(admin.get("/groups/" + groupId("All Users") + "/access").body()).contains("data-unsaved-warning");
    }

    /** T-G3: group admins add and remove members of their group, and nothing else. */
    @Test
    void groupAdminsManageTheMembersOfTheirGroupAndNothingElse() {
        String group = groupIdFrom(admin.post("/groups", Map.of("name", "Led " + unique())));
        String other = groupIdFrom(admin.post("/groups", Map.of("name", "Other " + unique())));
        var lead = TestUsers.enabledUser("lead").named("Lena", "Lead").create(port, api);
        var newcomer = TestUsers.enabledUser("newcomer").named("Nora", "New").create(port, api);
        var bystander = TestUsers.enabledUser("bystander").create(port, api);
        admin.post("/groups/" + group + "/members", Map.of("email", lead.email().toUpperCase()));
        var appointed = admin.follow(admin.post("/groups/" + group + "/admins/" + lead.id(), Map.of()));
        assertThat(row(appointed.body(), "data-member", lead.email())).contains("Lena Lead", "group admin", "Remove group admin");

        var asLead = lead.signIn();
        assertThat(asLead.get("/").body()).contains("href=\"/groups\"", "Your groups");
        var list = asLead.get("/groups");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(group).doesNotContain(other, "Create group");
        var page = asLead.get("/groups/" + group);
        assertThat(page.body()).contains("Add member").doesNotContain("Make group admin", "/access");

        var added = asLead.follow(asLead.post("/groups/" + group + "/members", Map.of("email", newcomer.email())));
        assertThat(added.body()).contains("Nora New is now a member.");
        assertThat(memberEmails(group)).contains(newcomer.email());
        assertThat(asLead.follow(asLead.post("/groups/" + group + "/members/" + newcomer.id() + "/remove", Map.of())).body())
                .contains("Member removed.");
        assertThat(memberEmails(group)).doesNotContain(newcomer.email());
        var unknown = asLead.follow(asLead.post("/groups/" + group + "/members", Map.of("email", "nobody-" + unique() + "@example.com")));
        assertThat(unknown.body()).contains("invite them on the Users page first");

        assertThat(asLead.get("/groups/" + group + "/access").statusCode()).isEqualTo(403);
        assertThat(asLead.get("/groups/" + other).statusCode()).isEqualTo(403);
        assertThat(asLead.post("/groups/" + group + "/admins/" + lead.id(), Map.of("admin", "false")).statusCode()).isEqualTo(403);
        assertThat(asLead.post("/groups/" + group + "/rename", Map.of("name", "Mine")).statusCode()).isEqualTo(403);
        assertThat(asLead.post("/groups/" + other + "/members", Map.of("email", bystander.email())).statusCode()).isEqualTo(403);

        var asBystander = bystander.signIn();
        assertThat(asBystander.get("/").body()).doesNotContain("href=\"/groups\"");
        assertThat(asBystander.get("/groups").statusCode()).isEqualTo(403);
        assertThat(asBystander.get("/groups/" + group).statusCode()).isEqualTo(403);
    }

    /** T-G5 with T-A3: the whole form is saved at once; a folder's level reaches its apps only when applied. */
    @Test
    void theAccessEditorSavesTheWholeFormAtOnceAndAppliesFolderLevelsOnlyWhenAsked() {
        String group = groupIdFrom(admin.post("/groups", Map.of("name", "Editors of sales " + unique())));
        String sales = folder("Sales " + unique());
        String orders = app(sales, "Orders");
        String refunds = app(sales, "Refunds");
        String hr = folder("HR " + unique());
        String payrollName = "Payroll " + unique();
        String payroll = app(hr, payrollName);
        String warehouse = resourceFolder("Warehouse " + unique());
        String stock = resource(warehouse, "Stock " + unique());
        api.send("PUT", "/api/v1/groups/" + group + "/access", "{\"apps\":{\"" + payroll + "\":\"USE\"}}");

        var editor = admin.get("/groups/" + group + "/access");
        assertThat(editor.body()).contains("data-unsaved-warning", "<script type=\"module\" src=\"/js/unsaved-changes.js\">",
                "name=\"folder." + sales + "\"", "name=\"app." + orders + "\"", "name=\"resource." + stock + "\"",
                "name=\"applyToApps\" value=\"" + sales + "\"");
        assertThat(row(editor.body(), "data-app", payrollName)).contains("<option value=\"USE\" selected=\"selected\">Use</option>");

        var saved = admin.post("/groups/" + group + "/access", List.of(
                Map.entry("globalApps", ""),
                Map.entry("folder." + sales, "EDIT"), Map.entry("applyToApps", sales),
                Map.entry("app." + orders, "USE"), Map.entry("app." + refunds, ""),
                Map.entry("folder." + hr, "USE"), Map.entry("app." + payroll, ""),
                Map.entry("globalResources", "USE"),
                Map.entry("resourceFolder." + warehouse, "EDIT"), Map.entry("applyToResources", warehouse),
                Map.entry("resource." + stock, ""),
                Map.entry("additional", "QUERY_LIBRARY"), Map.entry("additional", "THEMES")));

        assertThat(admin.follow(saved).body()).contains("Access of Editors of sales");
        var access = api.get("/api/v1/groups/" + group + "/access").json();
        assertThat(levels(access, "folders")).isEqualTo(Map.of(sales, "EDIT", hr, "USE"));
        // Applied: the folder's level reached the apps in it; HR's default did not reach Payroll.
        assertThat(levels(access, "apps")).isEqualTo(Map.of(orders, "EDIT", refunds, "EDIT"));
        assertThat(access.get("globalApps").isNull()).isTrue();
        assertThat(access.get("globalResources").asString()).isEqualTo("USE");
        assertThat(levels(access, "resources")).isEqualTo(Map.of(stock, "EDIT"));
        assertThat(access.get("additional").toString()).contains("QUERY_LIBRARY", "THEMES").doesNotContain("AUDIT_LOG");

        // Atomic: one wrong field and nothing of the form is saved.
        var refused = admin.post("/groups/" + group + "/access", List.of(
                Map.entry("app." + orders, "OWN"), Map.entry("resource." + stock, "OWN")));
        assertThat(admin.follow(refused).body()).contains("resources have the levels USE and EDIT only");
        assertThat(levels(api.get("/api/v1/groups/" + group + "/access").json(), "apps")).containsEntry(orders, "EDIT");
        var tampered = admin.post("/groups/" + group + "/access", List.of(Map.entry("app." + orders, "ADMIN")));
        assertThat(admin.follow(tampered).body()).contains("Unknown level: ADMIN");
        var foreign = admin.post("/groups/" + group + "/access", List.of(Map.entry("app." + UUID.randomUUID(), "USE")));
        assertThat(admin.follow(foreign).body()).contains("not in this space");
        assertThat(levels(api.get("/api/v1/groups/" + group + "/access").json(), "folders")).hasSize(2);
    }

    @Test
    void peopleWhoAreNotSpaceAdminsCannotOpenTheAccessEditor() {
        String group = groupIdFrom(admin.post("/groups", Map.of("name", "Guarded " + unique())));
        var editor = TestUsers.enabledUser("not-admin").in("Editor").create(port, api).signIn();

        assertThat(editor.get("/groups/" + group + "/access").statusCode()).isEqualTo(403);
        assertThat(editor.post("/groups/" + group + "/access", Map.of("globalApps", "OWN")).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/groups/" + group + "/access").json().get("globalApps").isNull()).isTrue();
    }

    /** The console frame asks whether the caller is a group admin; that must never refuse an API call. */
    @Test
    void aGroupAdminsTokenWithoutGroupScopesStillCallsTheApi() {
        String group = groupIdFrom(admin.post("/groups", Map.of("name", "Token holders " + unique())));
        var lead = TestUsers.enabledUser("token-lead").create(port, api);
        api.send("PUT", "/api/v1/groups/" + group + "/members/" + lead.id(), null);
        api.send("PUT", "/api/v1/groups/" + group + "/admins/" + lead.id(), null);
        var token = new ApiClient(port, Admin.token(lead.signIn(), "tokens:read"));

        var me = token.get("/api/v1/me");

        assertThat(me.status()).as(me.body()).isEqualTo(200);
    }

    private List<String> memberEmails(String group) {
        var emails = new ArrayList<String>();
        api.get("/api/v1/groups/" + group + "/members").json()
                .forEach(member -> emails.add(member.get("member").get("email").asString()));
        return emails;
    }

    private String groupId(String name) {
        for (JsonNode group : api.get("/api/v1/groups").json()) {
            if (group.get("name").asString().equals(name)) {
                return group.get("id").asString();
            }
        }
        throw new AssertionError("no group " + name);
    }

    private String folder(String name) {
        return created(api.post("/api/v1/folders", "{\"name\":\"" + name + "\"}"));
    }

    private String app(String folder, String name) {
        return created(api.post("/api/v1/apps", "{\"name\":\"" + name + "\",\"folderId\":\"" + folder + "\"}"));
    }

    private String resourceFolder(String name) {
        return created(api.post("/api/v1/resource-folders", "{\"name\":\"" + name + "\"}"));
    }

    private String resource(String folder, String name) {
        return created(api.post("/api/v1/resources", "{\"name\":\"" + name + "\",\"kind\":\"POSTGRESQL\""
                + (folder == null ? "" : ",\"folderId\":\"" + folder + "\"") + "}"));
    }

    private static String created(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private static Map<String, String> levels(JsonNode access, String field) {
        var levels = new HashMap<String, String>();
        access.get(field).properties().forEach(entry -> levels.put(entry.getKey(), entry.getValue().asString()));
        return levels;
    }

    static String groupIdFrom(HttpResponse<String> created) {
        assertThat(created.statusCode()).isEqualTo(302);
        String location = created.headers().firstValue("Location").orElseThrow();
        var matcher = Pattern.compile("/groups/([0-9a-f-]{36})$").matcher(location);
        assertThat(matcher.find()).as(location).isTrue();
        return matcher.group(1);
    }

    /** The table row marked with the attribute, from its start to its end. */
    static String row(String html, String attribute, String value) {
        int marked = html.indexOf(" " + attribute + "=\"" + value + "\"");
        assertThat(marked).as("a row with " + attribute + "=" + value).isNotNegative();
        int start = html.lastIndexOf("<tr", marked);
        return html.substring(start, html.indexOf("</tr>", start));
    }

    private static List<String> counts(String row) {
        var counts = new ArrayList<String>();
        var matcher = COUNT.matcher(row);
        while (matcher.find()) {
            counts.add(matcher.group(1));
        }
        return counts;
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
