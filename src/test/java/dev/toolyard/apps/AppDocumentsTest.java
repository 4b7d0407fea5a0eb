package dev.toolyard.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.toolyard.testing.AccessJson;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;

/**
 * The app document (T-AP2) through the API: a new app's empty document, saving and its canonical
 * form, and every kind of bad document getting a clear error that changes nothing (T-SEC4).
 */
@ToolyardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppDocumentsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private TestSpace space;
    private ApiClient admin;
    private ApiClient user;
    /** An app with the query "employees", for documents that reference it. */
    private String queryApp;
    /** An app the end user may use, nothing more. */
    private String sharedApp;

    @BeforeAll
    void space() {
        space = TestSpaces.create(port, "Documents");
        admin = space.api();
        var person = space.enabledUser("end-user");
        String users = space.group("Users");
        space.addMember(users, person.id());
        String shared = space.app("Shared", null);
        space.saveAccess(users, AccessJson.access().app(shared, "USE").json());
        user = person.token(port, "apps:read", "apps:write");
        String resource = space.resource("Db", null);
        queryApp = space.app("With query", null);
        var created = admin.post("/api/v1/apps/" + queryApp + "/queries", "{\"name\":\"employees\",\"resourceId\":\""
                + resource + "\",\"fields\":[{\"name\":\"sql\",\"template\":\"select 1\"}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        sharedApp = shared;
    }

    @Test
    void aNewAppStartsWithAOnePageEmptyDocumentAtVersionOne() {
        String app = space.app("Fresh", null);

        var draft = admin.get("/api/v1/apps/" + app + "/document");

        assertThat(draft.status()).as(draft.body()).isEqualTo(200);
        assertThat(draft.json().get("version").asInt()).isEqualTo(1);
        assertThat(draft.json().get("live").asBoolean()).as("the draft is live before the first release").isTrue();
        assertThat(draft.json().get("document").toString()).isEqualTo("{\"schemaVersion\":1,\"pages\":[{\"id\":"
                + "\"page1\",\"title\":\"Page 1\",\"components\":[]}],\"queries\":[],\"transformers\":[],\"state\":[],"
                + "\"settings\":{\"theme\":null}}");
    }

    @Test
    void aSavedDocumentComesBackCanonicalUnderTheNextVersion() {
        String app = queryApp;
        int version = version(app);
        // Keys out of order and optional parts left out: the stored form orders and fills them.
        String document = """
                {"state":[{"initial":{"b":1,"a":2},"name":"selectedId"}],
                 "pages":[{"components":[{"properties":{"pageSize":20,"data":"{{ employees.data }}"},
                   "layout":{"h":8,"w":12,"y":0,"x":0},"type":"table","id":"table1",
                   "events":[{"actions":[{"value":"{{ event.id }}","name":"selectedId","type":"setState"}],
                              "event":"rowSelect"}]}],
                   "title":"Employees","id":"home"}],
                 "queries":[{"name":"employees","runOnPageLoad":true}],
                 "schemaVersion":1}""";

        var saved = save(app, version, document);

        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("version").asInt()).isEqualTo(version + 1);
        String canonical = "{\"schemaVersion\":1,\"pages\":[{\"id\":\"home\",\"title\":\"Employees\",\"components\":"
                + "[{\"id\":\"table1\",\"type\":\"table\",\"layout\":{\"x\":0,\"y\":0,\"w\":12,\"h\":8},\"properties\":"
                + "{\"data\":\"{{ employees.data }}\",\"pageSize\":20},\"events\":[{\"event\":\"rowSelect\",\"actions\":"
                + "[{\"type\":\"setState\",\"name\":\"selectedId\",\"value\":\"{{ event.id }}\"}]}],\"children\":[]}]}],"
                + "\"queries\":[{\"name\":\"employees\",\"runOnPageLoad\":true,\"parameters\":{},\"onSuccess\":[],\"onFailure\":[]}],"
                + "\"transformers\":[],\"state\":[{\"name\":\"selectedId\",\"initial\":{\"a\":2,\"b\":1}}],"
                + "\"settings\":{\"theme\":null}}";
        assertThat(saved.json().get("document").toString()).isEqualTo(canonical);
        assertThat(stored(app)).isEqualTo(canonical);
        assertThat(admin.get("/api/v1/apps/" + app + "/document").json().get("document").toString()).isEqualTo(canonical);
        assertThat(jdbc.sql("select count(*) from audit_entries where action = 'app.document_saved' and target_id = ?")
                .param(app).query(Long.class).single()).isGreaterThanOrEqualTo(1);
    }

    static List<Arguments> badDocuments() {
        var cases = new ArrayList<Arguments>();
        cases.add(Arguments.of("another schema version", "{\"schemaVersion\":2,\"pages\":[" + page("[]") + "]}",
                "/schemaVersion", "document.schema_version"));
        cases.add(Arguments.of("no pages", "{\"schemaVersion\":1,\"pages\":[]}", "/pages", "document.required"));
        cases.add(Arguments.of("a document that is not an object", "[1,2]", "", "document.type"));
        cases.add(Arguments.of("an unknown component type", doc(component("c1", "spreadsheet", "{}")),
                "/pages/0/components/0/type", "document.unknown_type"));
        cases.add(Arguments.of("an unknown property", doc(component("t1", "text", "{\"colour\":\"red\"}")),
                "/pages/0/components/0/properties/colour", "document.unknown_property"));
        cases.add(Arguments.of("a literal of the wrong type", doc(component("t1", "table", "{\"pageSize\":\"many\"}")),
                "/pages/0/components/0/properties/pageSize", "document.value_type"));
        cases.add(Arguments.of("an enum value outside its values", doc(component("t1", "text", "{\"size\":\"huge\"}")),
                "/pages/0/components/0/properties/size", "document.value_type"));
        cases.add(Arguments.of("a duplicate id", doc(component("same", "text", "{}") + "," + component("same", "button", "{}")),
                "/pages/0/components/1/id", "document.name_duplicate"));
        cases.add(Arguments.of("a reserved name", doc(component("current_user", "text", "{}")),
                "/pages/0/components/0/id", "document.name_reserved"));
        cases.add(Arguments.of("a malformed id", doc(component("1st", "text", "{}")),
                "/pages/0/components/0/id", "document.name_format"));
        cases.add(Arguments.of("a layout past the grid", doc("{\"id\":\"t1\",\"type\":\"text\",\"layout\":{\"x\":8,"
                + "\"y\":0,\"w\":6,\"h\":2}}"), "/pages/0/components/0/layout/w", "document.layout"));
        cases.add(Arguments.of("children of a non-container", doc("{\"id\":\"t1\",\"type\":\"text\",\"layout\":"
                + layout() + ",\"children\":[" + component("t2", "text", "{}") + "]}"),
                "/pages/0/components/0/children", "document.not_container"));
        cases.add(Arguments.of("a tab slot naming no tab", doc("{\"id\":\"tabs1\",\"type\":\"tabs\",\"layout\":"
                + layout() + ",\"properties\":{\"tabs\":[\"One\"]},\"children\":[{\"id\":\"t2\",\"type\":\"text\","
                + "\"slot\":\"Two\",\"layout\":" + layout() + "}]}"),
                "/pages/0/components/0/children/0/slot", "document.unknown_tab"));
        cases.add(Arguments.of("an unknown event", doc("{\"id\":\"b1\",\"type\":\"button\",\"layout\":" + layout()
                + ",\"events\":[{\"event\":\"hover\",\"actions\":[]}]}"),
                "/pages/0/components/0/events/0/event", "document.unknown_event"));
        cases.add(Arguments.of("an action running an unknown query", doc("{\"id\":\"b1\",\"type\":\"button\","
                + "\"layout\":" + layout() + ",\"events\":[{\"event\":\"click\",\"actions\":[{\"type\":\"runQuery\","
                + "\"query\":\"nothing\"}]}]}"), "/pages/0/components/0/events/0/actions/0/query",
                "document.unknown_reference"));
        cases.add(Arguments.of("query parameters that are not an object", "{\"schemaVersion\":1,\"pages\":["
                + page("[]") + "],\"queries\":[{\"name\":\"employees\",\"parameters\":[1]}]}",
                "/queries/0/parameters", "document.type"));
        cases.add(Arguments.of("a query parameter with a name no parameter can have", "{\"schemaVersion\":1,\"pages\":["
                + page("[]") + "],\"queries\":[{\"name\":\"employees\",\"parameters\":{\"two words\":1}}]}",
                "/queries/0/parameters/two words", "document.name_format"));
        cases.add(Arguments.of("an unknown action", doc("{\"id\":\"b1\",\"type\":\"button\",\"layout\":" + layout()
                + ",\"events\":[{\"event\":\"click\",\"actions\":[{\"type\":\"launchRocket\"}]}]}"),
                "/pages/0/components/0/events/0/actions/0/type", "document.unknown_action"));
        cases.add(Arguments.of("an unclosed expression", doc(component("t1", "text", "{\"value\":\"{{ a.b \"}")),
                "/pages/0/components/0/properties/value", "document.expression"));
        cases.add(Arguments.of("an expression cycle between components",
                doc(component("a", "text", "{\"value\":\"{{ b.value }}\"}") + ","
                        + component("b", "text", "{\"value\":\"{{ `x${a.value}` }}\"}")),
                "/pages/0/components/0", "app.document_cycle"));
        cases.add(Arguments.of("a cycle through a transformer and state", "{\"schemaVersion\":1,\"pages\":[" + page("[]")
                + "],\"transformers\":[{\"name\":\"total\",\"body\":\"return count + 1\"}],\"state\":[{\"name\":"
                + "\"count\",\"initial\":\"{{ total * 2 }}\"}]}", "/transformers/0", "app.document_cycle"));
        cases.add(Arguments.of("an unknown top-level key", "{\"schemaVersion\":1,\"pages\":[" + page("[]")
                + "],\"script\":\"alert(1)\"}", "/script", "document.unknown_property"));
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDocuments")
    void aBadDocumentIsRefusedWithItsPointerAndChangesNothing(String rule, String document, String pointer,
            String code) {
        String app = queryApp;
        int version = version(app);
        String before = stored(app);

        var refused = save(app, version, document);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("code").asString()).isEqualTo("app.document_invalid");
        var problems = new ArrayList<String>();
        refused.json().get("errors").forEach(error -> problems.add(error.get("field").asString() + " "
                + error.get("code").asString()));
        assertThat(problems).contains(pointer + " " + code);
        assertThat(version(app)).isEqualTo(version);
        assertThat(stored(app)).isEqualTo(before);
    }

    @Test
    void aComponentReadingItsOwnOutputsAndNamesShadowedByParametersAreNoCycle() {
        String app = space.app("No cycle", null);
        String document = doc(component("table1", "table", "{\"hidden\":\"{{ !table1.selectedRow }}\"}") + ","
                + component("text1", "text", "{\"value\":\"{{ table1.visibleRows.map(text1 => text1.name).join(', ') }}\"}"));

        var saved = save(app, version(app), document);

        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    @Test
    void aMalformedBodyIsRefusedAndChangesNothing() {
        String app = space.app("Malformed", null);
        String before = stored(app);

        var refused = admin.send("PUT", "/api/v1/apps/" + app + "/document", "{\"version\":1,\"document\":{\"pages\":[");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asString()).isEqualTo("request.malformed_json");
        assertThat(stored(app)).isEqualTo(before);
        assertThat(version(app)).isEqualTo(1);
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() {
        String app = space.app("Stale", null);
        assertThat(save(app, 1, doc(component("first", "text", "{}"))).status()).isEqualTo(200);
        String before = stored(app);

        var stale = save(app, 1, doc(component("second", "text", "{}")));

        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(stale.json().get("code").asString()).isEqualTo("app.document_version_conflict");
        assertThat(stored(app)).isEqualTo(before).contains("first");
    }

    @Test
    void aDocumentOverHalfAMebibyteIsTooLargeAndChangesNothing() {
        String app = space.app("Large", null);
        String before = stored(app);
        var components = new ArrayList<String>();
        // About 2.3 KB per component, below the 1 MB request limit in all but over 512 KiB canonical.
        for (int i = 0; i < 240; i++) {
            components.add(component("t" + i, "text", "{\"value\":\"" + "x".repeat(2300) + "\"}"));
        }

        var refused = save(app, 1, doc(String.join(",", components)));

        assertThat(refused.status()).as(refused.body()).isEqualTo(413);
        assertThat(refused.json().get("code").asString()).isEqualTo("app.document_too_large");
        assertThat(stored(app)).isEqualTo(before);
    }

    @Test
    void useIsNotEnoughToReadOrSaveTheDraftAndAnotherSpacesAppIsNotFound() {
        var read = user.get("/api/v1/apps/" + sharedApp + "/document");
        var write = user.send("PUT", "/api/v1/apps/" + sharedApp + "/document", "{\"version\":1,\"document\":"
                + doc(component("t1", "text", "{}")) + "}");
        var other = TestSpaces.create(port, "Other documents");
        var foreign = other.api().get("/api/v1/apps/" + sharedApp + "/document");

        assertThat(read.status()).as(read.body()).isEqualTo(403);
        assertThat(write.status()).as(write.body()).isEqualTo(403);
        assertThat(foreign.status()).as(foreign.body()).isEqualTo(404);
        assertThat(foreign.json().get("code").asString()).isEqualTo("app.not_found");
        assertThat(version(sharedApp)).isEqualTo(1);
    }

    private ApiClient.Response save(String app, int version, String document) {
        return admin.send("PUT", "/api/v1/apps/" + app + "/document", "{\"version\":" + version + ",\"document\":"
                + document + "}");
    }

    private int version(String app) {
        return jdbc.sql("select version from app_documents where app_id = ?").param(UUID.fromString(app))
                .query(Integer.class).single();
    }

    private String stored(String app) {
        return jdbc.sql("select document from app_documents where app_id = ?").param(UUID.fromString(app))
                .query(String.class).single();
    }

    static String doc(String components) {
        return "{\"schemaVersion\":1,\"pages\":[" + page("[" + components + "]") + "]}";
    }

    static String page(String components) {
        return "{\"id\":\"home\",\"title\":\"Home\",\"components\":" + components + "}";
    }

    static String component(String id, String type, String properties) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"layout\":" + layout() + ",\"properties\":"
                + properties + "}";
    }

    static String layout() {
        return "{\"x\":0,\"y\":0,\"w\":6,\"h\":2}";
    }
}
