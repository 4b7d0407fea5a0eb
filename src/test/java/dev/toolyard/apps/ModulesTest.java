package dev.toolyard.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.toolyard.testing.AccessJson;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;
import tools.jackson.databind.JsonNode;

/**
 * Modules (T-M1) through the API: a module is an app of kind "module" with a declaration in its
 * document; embeddings are checked against that declaration (unknown modules, releases, inputs,
 * events, literal types, cycles); the declaration and the runtime bundle follow the module's own
 * Use/Edit rules and its releases.
 */
@ToolyardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModulesTest {

    @LocalServerPort
    int port;

    private TestSpace space;
    private ApiClient admin;
    /** Use on the apps and the module "picker". */
    private ApiClient user;
    /** Use on the apps, not on the module "picker". */
    private ApiClient outsider;
    private String users;
    private String outsiders;

    @BeforeAll
    void space() {
        space = TestSpaces.create(port, "Modules");
        admin = space.api();
        var person = space.enabledUser("module-user");
        var other = space.enabledUser("module-outsider");
        users = space.group("Users");
        outsiders = space.group("Outsiders");
        space.addMember(users, person.id());
        space.addMember(outsiders, other.id());
        user = person.token(port, "apps:read", "apps:write");
        outsider = other.token(port, "apps:read", "apps:write");
    }

    @Test
    void aModuleIsAnAppOfKindModuleListedByKindForWhoeverMayUseIt() {
        String module = module("Kind picker");
        String app = space.app("Kind app", null);
        space.saveAccess(users, AccessJson.access().app(module, "USE").app(app, "USE").json());

        var view = admin.get("/api/v1/apps/" + module);
        assertThat(view.json().get("kind").asString()).isEqualTo("module");
        assertThat(admin.get("/api/v1/apps/" + app).json().get("kind").asString()).isEqualTo("app");
        assertThat(ids(user.get("/api/v1/apps?kind=module").json())).contains(module).doesNotContain(app);
        assertThat(ids(user.get("/api/v1/apps?kind=app").json())).contains(app).doesNotContain(module);
        assertThat(ids(outsider.get("/api/v1/apps?kind=module").json())).doesNotContain(module);
        var bad = admin.post("/api/v1/apps", "{\"name\":\"Odd\",\"kind\":\"widget\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("code").asString()).isEqualTo("app.kind_invalid");
    }

    @Test
    void aNewModuleDeclaresNothingAndItsDeclarationIsServedForUse() {
        String module = module("Fresh module");
        var draft = admin.get("/api/v1/apps/" + module + "/document").json().get("document");
        assertThat(draft.get("module").toString()).isEqualTo("{\"inputs\":[],\"outputs\":[],\"events\":[]}");

        saveOk(module, moduleDocument("Hello"));
        space.saveAccess(users, AccessJson.access().app(module, "USE").json());
        var declaration = user.get("/api/v1/apps/" + module + "/module-declaration?release=latest");
        assertThat(declaration.status()).as("the draft takes Edit").isEqualTo(403);
        declaration = user.get("/api/v1/apps/" + module + "/module-declaration");
        assertThat(declaration.status()).as(declaration.body()).isEqualTo(200);
        assertThat(declaration.json().toString()).isEqualTo("{\"inputs\":[{\"name\":\"customer\",\"type\":\"string\","
                + "\"default\":\"nobody\"}],\"outputs\":[{\"name\":\"greeting\",\"value\":\"{{ 'Hello ' + customer }}\"}],"
                + "\"events\":[{\"name\":\"picked\"}]}");
        assertThat(outsider.get("/api/v1/apps/" + module + "/module-declaration").status()).isEqualTo(404);
        String app = space.app("Not a module", null);
        var notModule = admin.get("/api/v1/apps/" + app + "/module-declaration");
        assertThat(notModule.status()).isEqualTo(404);
        assertThat(notModule.json().get("code").asString()).isEqualTo("app.not_a_module");
    }

    @Test
    void aDuplicatedModuleIsAModuleWithTheSameDeclaration() {
        String module = module("Original module");
        saveOk(module, moduleDocument("Copied"));

        var copy = admin.post("/api/v1/apps/" + module + "/duplicate", "{\"name\":\"" + TestSpaces.unique("Copy")
                + "\",\"folderId\":null}");

        assertThat(copy.status()).as(copy.body()).isEqualTo(201);
        String id = copy.json().get("id").asString();
        assertThat(admin.get("/api/v1/apps/" + id).json().get("kind").asString()).isEqualTo("module");
        assertThat(admin.get("/api/v1/apps/" + id + "/module-declaration").json())
                .isEqualTo(admin.get("/api/v1/apps/" + module + "/module-declaration").json());
    }

    @Test
    void declarationsAreCheckedAndAnAppsDocumentDeclaresNone() {
        String module = module("Checked module");
        assertProblems(module, """
                {"schemaVersion": 1, "pages": [{"id": "home", "components": [
                  {"id": "customer", "type": "text", "layout": {"x": 0, "y": 0, "w": 6, "h": 4},
                   "events": [], "properties": {}}]}],
                 "module": {"inputs": [{"name": "customer", "type": "string"}, {"name": "count", "type": "number", "default": "x"},
                                       {"name": "odd", "type": "date"}],
                            "outputs": [{"name": "a", "value": 1}, {"name": "a", "value": 2}],
                            "events": [{"name": "go"}]}}
                """, "/module/inputs/0/name document.name_duplicate", "/module/inputs/1/default document.value_type",
                "/module/inputs/2/type document.value_type", "/module/outputs/1/name document.name_duplicate");
        assertProblems(module, """
                {"schemaVersion": 1, "pages": [{"id": "home", "components": [
                  {"id": "b", "type": "button", "layout": {"x": 0, "y": 0, "w": 6, "h": 4},
                   "events": [{"event": "click", "actions": [{"type": "moduleEvent", "event": "nope"}]}]}]}],
                 "module": {"events": [{"name": "go"}]}}
                """, "/pages/0/components/0/events/0/actions/0/event document.unknown_reference");
        String app = space.app("Plain app", null);
        assertProblems(app, """
                {"schemaVersion": 1, "pages": [{"id": "home", "components": [
                  {"id": "b", "type": "button", "layout": {"x": 0, "y": 0, "w": 6, "h": 4},
                   "events": [{"event": "click", "actions": [{"type": "moduleEvent", "event": "go"}]}]}]}],
                 "module": {"inputs": []}}
                """, "/module document.unknown_property", "/pages/0/components/0/events/0/actions/0/event "
                + "document.unknown_reference");
    }

    @Test
    void embeddingsAreCheckedAgainstTheModulesDeclaration() {
        String module = module("Declared");
        saveOk(module, moduleDocument("Hello"));
        String plainApp = space.app("Not embeddable", null);
        String app = space.app("Embedding", null);

        assertProblems(app, appDocument(embedding(UUID.randomUUID().toString(), null, "{}", "[]")),
                "/pages/0/components/0/properties/module document.unknown_reference");
        assertProblems(app, appDocument(embedding(plainApp, null, "{}", "[]")),
                "/pages/0/components/0/properties/module document.unknown_reference");
        assertProblems(app, appDocument(embedding(module, "\"3.0.0\"", "{}", "[]")),
                "/pages/0/components/0/properties/version document.unknown_reference");
        assertProblems(app, appDocument(embedding(module, null, "{\"customer\": 5, \"age\": 3}",
                "[{\"event\": \"clicked\", \"actions\": []}]")),
                "/pages/0/components/0/properties/inputs/customer document.value_type",
                "/pages/0/components/0/properties/inputs/age document.unknown_input",
                "/pages/0/components/0/events/0/event document.unknown_event");

        var saved = save(app, appDocument(embedding(module, null, "{\"customer\": \"{{ 1 + 1 }}\"}",
                "[{\"event\": \"picked\", \"actions\": []}]")));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    @Test
    void aModuleMayNotEmbedItselfDirectlyOrThroughAnother() {
        String first = module("Cycle one");
        String second = module("Cycle two");
        assertProblems(first, moduleWith(embedding(first, null, "{}", "[]")),
                "/pages/0/components/0/properties/module document.module_cycle");
        saveOk(first, moduleWith(embedding(second, null, "{}", "[]")));

        assertProblems(second, moduleWith(embedding(first, null, "{}", "[]")),
                "/pages/0/components/0/properties/module document.module_cycle");
    }

    @Test
    void theRuntimeBundleCarriesTheModulesAsTheCallerMayUseThem() {
        String module = module("Bundled");
        saveOk(module, moduleDocument("Draft one"));
        String app = space.app("Bundling", null);
        saveOk(app, appDocument(embedding(module, null, "{}", "[]")));
        space.saveAccess(users, AccessJson.access().app(app, "USE").app(module, "USE").json());
        space.saveAccess(outsiders, AccessJson.access().app(app, "USE").json());

        var before = user.get("/api/v1/apps/" + app + "/runtime").json().get("modules");
        assertThat(before.get(module + "@live").get("release").isNull()).as("the draft is live before a release").isTrue();
        assertThat(text(before.get(module + "@live").get("document"))).isEqualTo("Draft one");
        assertThat(before.get(module + "@live").get("app").get("id").asString()).isEqualTo(module);
        assertThat(outsider.get("/api/v1/apps/" + app + "/runtime").json().get("modules").isEmpty())
                .as("a module the caller may not use is left out").isTrue();

        release(module);
        saveOk(module, moduleDocument("Draft two"));
        var live = user.get("/api/v1/apps/" + app + "/runtime").json().get("modules").get(module + "@live");
        assertThat(live.get("release").get("version").asString()).isEqualTo("1.0.0");
        assertThat(text(live.get("document"))).isEqualTo("Draft one");
        var preview = admin.get("/api/v1/apps/" + app + "/runtime?release=latest").json().get("modules");
        assertThat(text(preview.get(module + "@latest").get("document"))).as("the editor's preview").isEqualTo("Draft two");

        // A module's release is open to whoever may use it, since apps pin them; an app's is not.
        assertThat(user.get("/api/v1/apps/" + module + "/runtime?release=1.0.0").status()).isEqualTo(200);
        release(app);
        assertThat(user.get("/api/v1/apps/" + app + "/runtime?release=1.0.0").status()).isEqualTo(403);
    }

    @Test
    void aPinnedEmbeddingKeepsItsReleaseWhileTheModuleMovesOn() {
        String module = module("Pinned");
        saveOk(module, moduleDocument("One"));
        release(module);
        saveOk(module, moduleDocument("Two"));
        release(module);
        String app = space.app("Pinning", null);
        saveOk(app, appDocument(embedding(module, "\"1.0.0\"", "{}", "[]")));
        space.saveAccess(users, AccessJson.access().app(app, "USE").app(module, "USE").json());

        var modules = user.get("/api/v1/apps/" + app + "/runtime").json().get("modules");
        assertThat(modules.propertyNames()).containsExactly(module + "@1.0.0");
        assertThat(text(modules.get(module + "@1.0.0").get("document"))).isEqualTo("One");
        assertThat(modules.get(module + "@1.0.0").get("release").get("live").asBoolean()).isFalse();
    }

    // --- documents --------------------------------------------------------------------------------

    private static String moduleDocument(String greeting) {
        return """
                {"schemaVersion": 1, "pages": [{"id": "home", "components": [
                  {"id": "label", "type": "text", "layout": {"x": 0, "y": 0, "w": 6, "h": 4},
                   "properties": {"value": "%s"}},
                  {"id": "pick", "type": "button", "layout": {"x": 6, "y": 0, "w": 6, "h": 4},
                   "events": [{"event": "click", "actions": [{"type": "moduleEvent", "event": "picked"}]}]}]}],
                 "module": {"inputs": [{"name": "customer", "type": "string", "default": "nobody"}],
                            "outputs": [{"name": "greeting", "value": "{{ 'Hello ' + customer }}"}],
                            "events": [{"name": "picked"}]}}
                """.formatted(greeting);
    }

    private static String moduleWith(String component) {
        return "{\"schemaVersion\": 1, \"pages\": [{\"id\": \"home\", \"components\": [" + component + "]}], "
                + "\"module\": {}}";
    }

    private static String appDocument(String component) {
        return "{\"schemaVersion\": 1, \"pages\": [{\"id\": \"home\", \"components\": [" + component + "]}]}";
    }

    private static String embedding(String module, String version, String inputs, String events) {
        return "{\"id\": \"embedded\", \"type\": \"module\", \"layout\": {\"x\": 0, \"y\": 0, \"w\": 12, \"h\": 10}, "
                + "\"properties\": {\"module\": \"" + module + "\", \"version\": " + version + ", \"inputs\": " + inputs
                + "}, \"events\": " + events + "}";
    }

    private static String text(JsonNode document) {
        return document.get("pages").get(0).get("components").get(0).get("properties").get("value").asString();
    }

    // --- calls --------------------------------------------------------------------------------------

    private String module(String prefix) {
        var created = admin.post("/api/v1/apps", "{\"name\":\"" + TestSpaces.unique(prefix) + "\",\"kind\":\"module\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private void release(String app) {
        var published = admin.post("/api/v1/apps/" + app + "/releases", "{\"bump\":\"major\"}");
        assertThat(published.status()).as(published.body()).isEqualTo(201);
    }

    private ApiClient.Response save(String app, String document) {
        int version = admin.get("/api/v1/apps/" + app + "/document").json().get("version").asInt();
        return admin.send("PUT", "/api/v1/apps/" + app + "/document", "{\"version\":" + version + ",\"document\":"
                + document + "}");
    }

    private void saveOk(String app, String document) {
        var saved = save(app, document);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    private void assertProblems(String app, String document, String... expected) {
        var refused = save(app, document);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        var problems = new ArrayList<String>();
        refused.json().get("errors").forEach(error -> problems.add(error.get("field").asString() + " "
                + error.get("code").asString()));
        assertThat(problems).contains(expected);
    }

    private static List<String> ids(JsonNode apps) {
        var ids = new ArrayList<String>();
        apps.forEach(app -> ids.add(app.get("id").asString()));
        return ids;
    }
}
