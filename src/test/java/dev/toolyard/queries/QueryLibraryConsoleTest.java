package dev.toolyard.queries;

import static dev.toolyard.testing.AccessJson.access;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;

/**
 * T-Q1 in the console: the Query library page lists, searches and shows queries with their
 * versions, grants and usage; its forms create, publish and change them; the navigation shows it
 * to people with library access only (T-A6).
 */
@ToolyardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryLibraryConsoleTest {

    @LocalServerPort
    int port;

    private TestSpace space;
    private String resource;
    private String team;

    @BeforeAll
    void space() {
        space = TestSpaces.create(port, "Library page");
        resource = space.resource("Orders db", null);
        team = space.group("Analysts");
    }

    @Test
    void theFormsCreatePublishAndChangeALibraryQueryAndThePageShowsItsVersions() {
        var admin = space.console();
        var page = admin.get("/query-library");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("New library query", "Create library query", "Orders db");
        String name = "orders" + UUID.randomUUID().toString().substring(0, 8);

        var created = admin.post("/query-library", form(name, "select * from orders where region = {{ region }}",
                List.of(Map.entry("description", "Orders of a region"), Map.entry("notes", "first"),
                        Map.entry("grant-" + team, "EDIT"), Map.entry("parameterName", "region"),
                        Map.entry("parameterDefault", "EMEA"), Map.entry("parameterDescription", "Sales region"),
                        Map.entry("parameterName", "token"), Map.entry("parameterDefault", ""),
                        Map.entry("parameterDescription", ""), Map.entry("parameterSecret", "1"))));

        assertThat(created.statusCode()).isEqualTo(302);
        String location = created.headers().firstValue("Location").orElseThrow();
        String path = location.substring(location.indexOf("/query-library/"));
        var shown = admin.follow(created);
        assertThat(shown.body()).contains("created as version 1", "<pre class=\"code\">select * from orders where region = {{ region }}</pre>",
                "data-parameter=\"region\"", "data-parameter=\"token\"", "data-granted=\"Analysts", "No app imports this query.",
                "Publish version", "Save settings");

        var published = admin.post(path + "/publish", form(null, "select * from orders",
                List.of(Map.entry("basedOn", "1"), Map.entry("notes", "without the region"))));

        assertThat(admin.follow(published).body()).contains("Version 2 published.", "data-version=\"2\"",
                "without the region", "<pre class=\"code\">select * from orders</pre>");
        assertThat(admin.get(path + "?version=1").body()).contains("{{ region }}</pre>");
        var stale = admin.follow(admin.post(path + "/publish", form(null, "select 'late'", List.of(Map.entry("basedOn", "1")))));
        assertThat(stale.body()).contains("was published after version 1").doesNotContain("data-version=\"3\"");

        var changed = admin.follow(admin.post(path + "/settings", List.of(Map.entry("name", name + "V2"),
                Map.entry("description", "All orders"), Map.entry("openToLibrary", "true"), Map.entry("grant-" + team, "USE"))));
        assertThat(changed.body()).contains("Settings saved.", name + "V2", "open to the library", "All orders");
        assertThat(admin.follow(admin.post("/query-library", List.of(Map.entry("name", "2 bad"),
                Map.entry("resource", resource), Map.entry("sql", "select 1")))).body())
                .contains("must start with a letter");

        var list = admin.get("/query-library?q=" + name);
        assertThat(list.body()).contains("data-library-query=\"" + name + "V2\"").doesNotContain("2 bad");

        assertThat(admin.follow(admin.post(path + "/delete", Map.of())).body()).contains("deleted.")
                .doesNotContain("data-library-query=\"" + name + "V2\"");
    }

    /** T-A6: the navigation offers the library to those who may open it; the page refuses the others. */
    @Test
    void theLibraryIsOfferedToPeopleWithLibraryAccessOnly() {
        var editor = space.enabledUser("editor", "Editor").signIn(port);
        var viewer = space.enabledUser("viewer", "Viewer").signIn(port);
        var readers = space.group("Readers");
        space.saveAccess(readers, access().additional("QUERY_LIBRARY").json());
        var readerPerson = space.enabledUser("reader");
        space.addMember(readers, readerPerson.id());
        var reader = readerPerson.signIn(port);

        assertThat(editor.get("/").body()).as("Editors have the library by default").contains("href=\"/query-library\"");
        assertThat(reader.get("/").body()).contains("href=\"/query-library\"");
        assertThat(reader.get("/query-library").statusCode()).isEqualTo(200);
        assertThat(space.console().get("/").body()).as("admins always").contains("href=\"/query-library\"");
        assertThat(viewer.get("/").body()).doesNotContain("href=\"/query-library\"");
        assertThat(viewer.get("/query-library").statusCode()).isEqualTo(403);
    }

    private List<Map.Entry<String, String>> form(String name, String sql, List<Map.Entry<String, String>> more) {
        var fields = new ArrayList<Map.Entry<String, String>>();
        if (name != null) {
            fields.add(Map.entry("name", name));
        }
        fields.add(Map.entry("resource", resource));
        fields.add(Map.entry("sql", sql));
        fields.addAll(more);
        return fields;
    }
}
