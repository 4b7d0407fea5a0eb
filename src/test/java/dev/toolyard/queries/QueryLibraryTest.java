package dev.toolyard.queries;

import static dev.toolyard.queries.AppQueriesTest.body;
import static dev.toolyard.queries.AppQueriesTest.created;
import static dev.toolyard.queries.AppQueriesTest.field;
import static dev.toolyard.queries.AppQueriesTest.queriesOf;
import static dev.toolyard.queries.AppQueriesTest.sql;
import static dev.toolyard.testing.AccessJson.access;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;
import tools.jackson.databind.JsonNode;

/**
 * T-Q1 through the API: library queries with parameters and immutable versions, permissions of
 * their own (a team's closed query is invisible to others), imports pinned or following the
 * latest, usage; T-A5 and T-A6 where they meet the library.
 */
@ToolyardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryLibraryTest {

    private static final String LIBRARY = "/api/v1/query-library";
    private static final String[] SCOPES = { "query-library:read", "query-library:write", "resources:read", "apps:read",
            "apps:write" };

    @LocalServerPort
    int port;

    @Autowired
    LibraryImports imports;

    @Autowired
    QueryLibrary library;

    @Autowired
    JdbcClient jdbc;

    private TestSpace space;
    private String resource;
    private String finance;
    private String sales;
    private TestSpaces.Person financeUser;
    private ApiClient financeApi;
    private ApiClient salesApi;
    private TestSpaces.Person viewer;

    @BeforeAll
    void teams() {
        space = TestSpaces.create(port, "Library");
        resource = space.resource("Warehouse", null);
        finance = space.group("Finance");
        sales = space.group("Sales");
        for (String team : List.of(finance, sales)) {
            space.saveAccess(team, access().resource(resource, "USE").additional("QUERY_LIBRARY").json());
        }
        financeUser = space.enabledUser("finance");
        space.addMember(finance, financeUser.id());
        financeApi = financeUser.token(port, SCOPES);
        var salesUser = space.enabledUser("sales");
        space.addMember(sales, salesUser.id());
        salesApi = salesUser.token(port, SCOPES);
        viewer = space.enabledUser("viewer", "Viewer");
    }

    /** T-Q1: creating publishes version 1; publishing adds the next; nothing edits a version in place. */
    @Test
    void creatingPublishesVersionOneAndEachPublishAddsAVersionThatNeverChanges() {
        var createdBody = financeApi.post(LIBRARY, body("name", name("stock"), "description", "Stock per region",
                "grants", Map.of(finance, "EDIT"), "resourceId", resource, "notes", "first",
                "fields", List.of(field("sql", "select * from stock where region = {{ region }}")),
                "parameters", List.of(Map.of("name", "region", "description", "Sales region", "defaultValue", "EMEA",
                        "secret", false), Map.of("name", "apiKey", "description", "", "secret", true))));
        assertThat(createdBody.status()).as(createdBody.body()).isEqualTo(201);
        var created = createdBody.json();
        String id = created.get("id").asString();
        assertThat(created.get("latestVersion").asInt()).isEqualTo(1);
        assertThat(created.get("mayEdit").asBoolean()).isTrue();
        assertThat(created.get("latest").get("publishedBy").asString()).isEqualTo(financeUser.email());

        var published = financeApi.post(LIBRARY + "/" + id + "/versions", body("resourceId", resource, "basedOn", 1,
                "notes", "second", "fields", List.of(field("sql", "select * from stock"))));

        assertThat(published.status()).as(published.body()).isEqualTo(201);
        assertThat(published.json().get("version").asInt()).isEqualTo(2);
        var first = financeApi.get(LIBRARY + "/" + id + "/versions/1").json();
        assertThat(first.get("fields").get(0).get("template").asString())
                .isEqualTo("select * from stock where region = {{ region }}");
        assertThat(first.get("notes").asString()).isEqualTo("first");
        assertThat(first.get("parameters").get(0).get("defaultValue").asString()).isEqualTo("EMEA");
        assertThat(first.get("parameters").get(1).get("secret").asBoolean()).isTrue();
        var detail = financeApi.get(LIBRARY + "/" + id).json();
        assertThat(detail.get("versions").findValues("version")).extracting(JsonNode::asInt).containsExactly(2, 1);
        assertThat(detail.get("latest").get("parameters")).isEmpty();
        var missing = financeApi.get(LIBRARY + "/" + id + "/versions/3");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asString()).isEqualTo("library_query.version_not_found");

        var stale = financeApi.post(LIBRARY + "/" + id + "/versions", body("resourceId", resource, "basedOn", 1,
                "fields", List.of(field("sql", "select 'lost'"))));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("code").asString()).isEqualTo("library_query.version_conflict");
        assertThat(financeApi.get(LIBRARY + "/" + id).json().get("latestVersion").asInt()).isEqualTo(2);
        assertThatThrownBy(() -> jdbc.sql("update library_query_versions set notes = 'changed' where query_id = ?")
                .param(UUID.fromString(id)).update()).hasMessageContaining("immutable");
    }

    /** T-Q1: a team owns a closed query; others do not see it at all; opening it lets them use, not edit. */
    @Test
    void aTeamsClosedQueryIsNotFoundForOthersAndOpeningItLetsThemUseButNotEdit() {
        String name = name("payroll");
        String id = created(financeApi.post(LIBRARY, library(name, finance, "select * from payroll")));
        String salesApp = space.app("Sales app", null);
        space.saveAccess(sales, access().resource(resource, "USE").additional("QUERY_LIBRARY").app(salesApp, "EDIT").json());

        for (var response : List.of(salesApi.get(LIBRARY + "/" + id), salesApi.get(LIBRARY + "/" + id + "/versions/1"),
                salesApi.get(LIBRARY + "/" + id + "/usage"), salesApi.post(LIBRARY + "/" + id + "/versions",
                        body("resourceId", resource, "fields", List.of(field("sql", "select 1")))),
                salesApi.post("/api/v1/apps/" + salesApp + "/library-imports", body("libraryQueryId", id)))) {
            assertThat(response.status()).as(response.body()).isEqualTo(404);
            assertThat(response.json().get("code").asString()).isEqualTo("library_query.not_found");
        }
        assertThat(salesApi.get(LIBRARY + "?q=" + name).json().get("items")).isEmpty();
        assertThat(space.api().get(LIBRARY + "/" + id).json().get("mayEdit").asBoolean()).as("admins edit every query")
                .isTrue();

        assertThat(financeApi.patch(LIBRARY + "/" + id, "{\"openToLibrary\":true}").status()).isEqualTo(200);

        var opened = salesApi.get(LIBRARY + "/" + id);
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.json().get("mayEdit").asBoolean()).isFalse();
        assertThat(salesApi.get(LIBRARY + "?q=" + name).json().get("items")).hasSize(1);
        for (var response : List.of(salesApi.post(LIBRARY + "/" + id + "/versions", body("resourceId", resource,
                "fields", List.of(field("sql", "select 1")))), salesApi.patch(LIBRARY + "/" + id, "{\"name\":\"mine\"}"),
                salesApi.delete(LIBRARY + "/" + id))) {
            assertThat(response.status()).as(response.body()).isEqualTo(403);
        }
        assertThat(salesApi.post("/api/v1/apps/" + salesApp + "/library-imports", body("libraryQueryId", id)).status())
                .as("use includes importing").isEqualTo(201);

        var shared = financeApi.patch(LIBRARY + "/" + id, body("openToLibrary", false,
                "grants", Map.of(finance, "EDIT", sales, "EDIT")));
        assertThat(shared.json().get("grants").findValuesAsString("level")).containsExactly("EDIT", "EDIT");
        assertThat(salesApi.post(LIBRARY + "/" + id + "/versions", body("resourceId", resource,
                "fields", List.of(field("sql", "select 2")))).status()).as("a group granted Edit publishes").isEqualTo(201);
    }

    /** T-A6, T-A5, T-Q1: creating takes library access, Use on the resource, and Edit for a group of one's own. */
    @Test
    void creatingTakesLibraryAccessUseOnTheResourceAndEditForAGroupOfOnesOwn() {
        var viewerApi = viewer.token(port, SCOPES);
        String other = space.resource("Private", null);
        String name = name("refused");

        var noLibrary = viewerApi.post(LIBRARY, library(name, finance, "select 1"));
        var noOwnEdit = financeApi.post(LIBRARY, library(name, sales, "select 1"));
        var unusableResource = financeApi.post(LIBRARY, body("name", name, "grants", Map.of(finance, "EDIT"),
                "resourceId", other, "fields", List.of(field("sql", "select 1"))));
        var unknownGroup = financeApi.post(LIBRARY, library(name, UUID.randomUUID().toString(), "select 1"));
        var secretDefault = financeApi.post(LIBRARY, body("name", name, "grants", Map.of(finance, "EDIT"),
                "resourceId", resource, "fields", List.of(field("sql", "select 1")),
                "parameters", List.of(Map.of("name", "token", "defaultValue", "abc", "secret", true))));

        assertThat(noLibrary.status()).isEqualTo(403);
        assertThat(viewerApi.get(LIBRARY).status()).as("even reading the library takes library access").isEqualTo(403);
        assertThat(noOwnEdit.status()).isEqualTo(400);
        assertThat(noOwnEdit.json().get("code").asString()).isEqualTo("library_query.edit_grant_required");
        assertThat(unusableResource.status()).isEqualTo(404);
        assertThat(unusableResource.json().get("code").asString()).isEqualTo("resource.not_found");
        assertThat(unknownGroup.status()).isEqualTo(400);
        assertThat(unknownGroup.json().get("code").asString()).isEqualTo("library_query.unknown_object");
        assertThat(secretDefault.json().get("code").asString()).isEqualTo("query.secret_default");
        assertThat(space.api().get(LIBRARY + "?q=" + name).json().get("items")).isEmpty();

        String kept = created(financeApi.post(LIBRARY, library(name("kept"), finance, "select 1")));
        var givenAway = financeApi.patch(LIBRARY + "/" + kept, body("grants", Map.of(sales, "EDIT")));
        assertThat(givenAway.json().get("code").asString()).isEqualTo("library_query.edit_grant_required");
        assertThat(space.api().get(LIBRARY + "/" + kept).json().get("grants").findValuesAsString("groupId"))
                .containsExactly(finance);
    }

    /** T-Q1: a pinned import keeps its version after publishing; one following the latest runs the newest. */
    @Test
    void pinnedImportsKeepTheirVersionAndImportsFollowingTheLatestRunTheNewest() {
        String app = space.app("Reports", null);
        space.saveAccess(finance, access().resource(resource, "USE").additional("QUERY_LIBRARY").app(app, "EDIT").json());
        String id = created(financeApi.post(LIBRARY, library(name("sales"), finance, "select 'v1'")));
        String imports = "/api/v1/apps/" + app + "/library-imports";
        String pinned = created(financeApi.post(imports, body("libraryQueryId", id, "version", 1, "name", "pinned")));
        String latest = created(financeApi.post(imports, body("libraryQueryId", id, "name", "latest")));

        assertThat(financeApi.post(LIBRARY + "/" + id + "/versions", body("resourceId", resource,
                "fields", List.of(field("sql", "select 'v2'")))).status()).isEqualTo(201);

        // A viewer uses the app but not the library: running its imports needs Use on the app only (T-A5).
        var appUser = caller(viewer);
        var appId = new AppId(UUID.fromString(app));
        var runPinned = this.imports.importForRun(appUser, appId, new LibraryImportId(UUID.fromString(pinned)));
        var runLatest = this.imports.importForRun(appUser, appId, new LibraryImportId(UUID.fromString(latest)));
        assertThat(runPinned.libraryVersion()).isEqualTo(1);
        assertThat(runPinned.fields()).containsExactly(new FieldTemplate("sql", "select 'v1'"));
        assertThat(runPinned.name()).isEqualTo("pinned");
        assertThat(runPinned.importId().value().toString()).isEqualTo(pinned);
        assertThat(runLatest.libraryVersion()).isEqualTo(2);
        assertThat(runLatest.fields()).containsExactly(new FieldTemplate("sql", "select 'v2'"));
        var listed = financeApi.get(imports).json();
        assertThat(listed.findValues("resolvedVersion")).extracting(JsonNode::asInt).containsExactly(2, 1);
        assertThat(listed.findValues("followsLatest")).extracting(JsonNode::asBoolean).containsExactly(true, false);

        var repinned = financeApi.send("PUT", imports + "/" + pinned, "{\"version\":2}");
        assertThat(repinned.json().get("resolvedVersion").asInt()).isEqualTo(2);
        var unknown = financeApi.send("PUT", imports + "/" + pinned, "{\"version\":9}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asString()).isEqualTo("library_import.unknown_version");
        assertThat(financeApi.post(imports, body("libraryQueryId", id, "name", "pinned")).json().get("code").asString())
                .isEqualTo("query.name_taken");
        assertThat(financeApi.post(queriesOf(app), sql("latest", resource, "select 1")).json().get("code").asString())
                .as("an app's queries and imports share one namespace").isEqualTo("query.name_taken");

        var financeCaller = caller(financeUser);
        var queryId = new LibraryQueryId(UUID.fromString(id));
        assertThat(library.libraryForRun(financeCaller, queryId, null).libraryVersion()).isEqualTo(2);
        assertThat(library.libraryForRun(financeCaller, queryId, 1).fields())
                .containsExactly(new FieldTemplate("sql", "select 'v1'"));
        assertThatThrownBy(() -> library.libraryForRun(appUser, queryId, null))
                .as("running from the library takes library access").hasMessageContaining("query library");
        var salesMember = space.enabledUser("sales-member");
        space.addMember(sales, salesMember.id());
        assertThatThrownBy(() -> library.libraryForRun(caller(salesMember), queryId, null))
                .isInstanceOf(NotFoundException.class);
    }

    /** T-Q1: usage names the apps the person may see with their pins; a query in use is not deleted. */
    @Test
    void usageListsTheImportingAppsAndAQueryInUseIsNotDeleted() {
        String visible = space.app("Visible", null);
        String hidden = space.app("Hidden", null);
        space.saveAccess(finance, access().resource(resource, "USE").additional("QUERY_LIBRARY").app(visible, "USE").json());
        String id = created(financeApi.post(LIBRARY, library(name("used"), finance, "select 1")));
        String first = created(space.api().post("/api/v1/apps/" + visible + "/library-imports",
                body("libraryQueryId", id, "version", 1)));
        String second = created(space.api().post("/api/v1/apps/" + hidden + "/library-imports", body("libraryQueryId", id)));

        var usage = financeApi.get(LIBRARY + "/" + id + "/usage").json();

        assertThat(usage.get("uses")).hasSize(1);
        assertThat(usage.get("uses").get(0).get("appId").asString()).isEqualTo(visible);
        assertThat(usage.get("uses").get(0).get("pinnedVersion").asInt()).isEqualTo(1);
        assertThat(usage.get("hiddenApps").asInt()).isEqualTo(1);
        var refused = financeApi.delete(LIBRARY + "/" + id);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("library_query.in_use");
        assertThat(refused.json().get("detail").asString()).contains("2 apps").doesNotContain("Hidden");

        space.api().delete("/api/v1/apps/" + visible + "/library-imports/" + first);
        space.api().delete("/api/v1/apps/" + hidden + "/library-imports/" + second);
        assertThat(financeApi.delete(LIBRARY + "/" + id).status()).isEqualTo(204);
        assertThat(financeApi.get(LIBRARY + "/" + id).status()).isEqualTo(404);
    }

    /** T-API3: the library is searched by name and description and paged with cursors. */
    @Test
    void theLibraryIsSearchedByNameOrDescriptionAndPaged() {
        String prefix = "paged" + UUID.randomUUID().toString().substring(0, 6);
        for (String suffix : List.of("A", "B", "C")) {
            created(space.api().post(LIBRARY, body("name", prefix + suffix, "description", "about " + suffix + "_marker",
                    "resourceId", resource, "fields", List.of(field("sql", "select 1")))));
        }

        var first = space.api().get(LIBRARY + "?q=" + prefix + "&limit=2").json();
        var second = space.api().get(LIBRARY + "?q=" + prefix + "&limit=2&cursor=" + first.get("nextCursor").asString()).json();

        assertThat(first.get("items").findValuesAsString("name")).containsExactly(prefix + "A", prefix + "B");
        assertThat(second.get("items").findValuesAsString("name")).containsExactly(prefix + "C");
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(space.api().get(LIBRARY + "?q=B_marker").json().get("items").findValuesAsString("name"))
                .containsExactly(prefix + "B");
        assertThat(space.api().get(LIBRARY + "?q=%25").json().get("items")).as("% is a character, not a wildcard")
                .isEmpty();
    }

    /** T-AU1: creating, publishing, changing, importing and deleting are audited. */
    @Test
    void changesToTheLibraryAreAudited() {
        String app = space.app("Audited", null);
        String id = created(space.api().post(LIBRARY, library(name("audited"), finance, "select 1")));
        space.api().post(LIBRARY + "/" + id + "/versions", body("resourceId", resource, "fields", List.of(field("sql", "select 2"))));
        space.api().patch(LIBRARY + "/" + id, "{\"description\":\"now described\"}");
        String imported = created(space.api().post("/api/v1/apps/" + app + "/library-imports", body("libraryQueryId", id)));
        space.api().send("PUT", "/api/v1/apps/" + app + "/library-imports/" + imported, "{\"version\":1}");
        space.api().delete("/api/v1/apps/" + app + "/library-imports/" + imported);
        space.api().delete(LIBRARY + "/" + id);

        var actions = jdbc.sql("select action from audit_entries where target_id in (?, ?) order by id")
                .params(id, imported).query(String.class).list();

        assertThat(actions).containsExactly("library_query.created", "library_query.published", "library_query.changed",
                "library_import.created", "library_import.changed", "library_import.deleted", "library_query.deleted");
    }

    /** T-SP1: deleting a space takes its queries, library versions, grants and imports with it, whatever refers to what. */
    @Test
    void deletingASpaceRemovesItsQueriesAndLibrary() {
        var doomed = TestSpaces.create(port, "Doomed");
        String doomedResource = doomed.resource("Db", null);
        String app = doomed.app("App", null);
        String group = doomed.group("Team");
        created(doomed.api().post(queriesOf(app), sql("q", doomedResource, "select 1")));
        String id = created(doomed.api().post(LIBRARY, body("name", "shared", "grants", Map.of(group, "USE"),
                "resourceId", doomedResource, "fields", List.of(field("sql", "select 1")))));
        created(doomed.api().post("/api/v1/apps/" + app + "/library-imports", body("libraryQueryId", id)));

        var deleted = TestSpaces.instanceAdmin(port).api("DELETE", "/api/v1/spaces/" + doomed.id(), null);

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        for (String table : List.of("app_queries", "library_queries", "library_imports")) {
            assertThat(jdbc.sql("select count(*) from " + table + " where space_id = ?").param(UUID.fromString(doomed.id()))
                    .query(Long.class).single()).as(table).isZero();
        }
        assertThat(jdbc.sql("select count(*) from library_query_versions where query_id = ?").param(UUID.fromString(id))
                .query(Long.class).single()).isZero();
    }

    private Caller caller(TestSpaces.Person person) {
        return Caller.session(new UserId(UUID.fromString(person.id())), person.email(),
                new SpaceId(UUID.fromString(space.id())), false, false, "127.0.0.1");
    }

    private String library(String name, String editGroup, String sql) {
        return body("name", name, "grants", Map.of(editGroup, "EDIT"), "resourceId", resource,
                "fields", List.of(field("sql", sql)));
    }

    private static String name(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
    }
}
