package dev.toolyard.editor;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.toolyard.testing.EditorPages.cell;
import static dev.toolyard.testing.EditorPages.document;
import static dev.toolyard.testing.EditorPages.saveDocument;
import static dev.toolyard.testing.EditorPages.waitSaved;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.Browsers;
import dev.toolyard.testing.ChromiumAvailable;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;
import tools.jackson.databind.JsonNode;

/**
 * Modules in the visual editor (T-M1, T-AP4): a module added from the palette to an app, its input
 * bound to a text input and its output shown by a text, drawn working on the canvas; a release
 * pinned through the inspector; a module's declaration edited in its own editor (with the server's
 * problem shown at the field) and offered to a second app that embeds it.
 */
@ToolyardTest
@ExtendWith(ChromiumAvailable.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModuleEditorBrowserTest {

    @LocalServerPort
    int port;

    private TestSpace space;
    private ApiClient admin;
    private TestSpaces.Person builder;
    private final List<BrowserContext> contexts = new ArrayList<>();

    @BeforeAll
    void people() {
        Browsers.shared();
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        space = TestSpaces.create(port, "Module editor");
        admin = space.api();
        builder = space.enabledUser("module-builder", "Editor");
    }

    @AfterEach
    void close() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    @Test
    void aModuleAddedFromThePaletteTakesATextInputsValueAndItsOutputShowsInTheApp() {
        String module = module("Greeter", greeter("Hello"));
        String app = space.app("Greeting", null);
        saveDocument(admin, app, """
                {"schemaVersion": 1, "pages": [{"id": "home", "title": "Home", "components": [
                  {"id": "name", "type": "textInput", "layout": {"x": 0, "y": 0, "w": 6, "h": 8},
                   "properties": {"label": "Name", "value": "Ada"}},
                  {"id": "echo", "type": "text", "layout": {"x": 6, "y": 0, "w": 6, "h": 4}, "properties": {"value": "Output"}}
                ]}]}""");
        var page = openEditor(app);

        page.locator("#palette .palette-module[data-module='" + module + "']").click();
        assertThat(page.locator("#inspector h2")).containsText("module1");
        assertThat(cell(page, "module1")).containsText("Hello nobody");

        var input = page.locator("#inspector [data-property='inputs/who']");
        assertThat(input.locator(".CodeMirror-placeholder")).hasText("Default: \"nobody\"");
        input.locator(".CodeMirror").click();
        page.keyboard().type("{{ name.value }}");
        page.keyboard().press("Escape");
        assertThat(cell(page, "module1")).containsText("Hello Ada");

        cell(page, "echo").click();
        page.locator("#inspector [data-property='value'] .CodeMirror").click();
        page.keyboard().press("Control+a");
        page.keyboard().type("Output: {{ module1.sh");
        assertThat(page.locator(".CodeMirror-hints")).containsText("module1.shout");
        page.keyboard().press("Escape");
        page.keyboard().type("out }}");
        page.keyboard().press("Escape");
        assertThat(cell(page, "echo")).hasText("Output: ADA!");

        // A click on the module's own text selects the module component, not the module's text.
        cell(page, "module1").locator("[data-component='label']").click();
        assertThat(page.locator("#inspector h2")).containsText("module1");
        waitSaved(page);
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/editor-module.png")));

        var embedded = component(document(admin, app), "module1");
        Assertions.assertThat(embedded.get("properties").get("module").asString()).isEqualTo(module);
        Assertions.assertThat(embedded.get("properties").get("inputs").get("who").asString()).isEqualTo("{{ name.value }}");
        Assertions.assertThat(component(document(admin, app), "echo").get("properties").get("value").asString())
                .isEqualTo("Output: {{ module1.shout }}");
    }

    @Test
    void pinningAReleaseInTheInspectorSavesTheVersionAndTheCanvasShowsThatRelease() {
        String module = module("Versioned", greeter("Released"));
        var published = admin.post("/api/v1/apps/" + module + "/releases", "{\"bump\":\"major\"}");
        Assertions.assertThat(published.status()).as(published.body()).isEqualTo(201);
        saveDocument(admin, module, greeter("Drafted"));
        String app = space.app("Pinning", null);
        saveDocument(admin, app, """
                {"schemaVersion": 1, "pages": [{"id": "home", "title": "Home", "components": [
                  {"id": "embedded", "type": "module", "layout": {"x": 0, "y": 0, "w": 12, "h": 12},
                   "properties": {"module": "%s", "version": null, "inputs": {}}}]}]}""".formatted(module));
        var page = openEditor(app);
        // Unpinned, the editor's canvas follows the draft of a module its builder may edit.
        assertThat(cell(page, "embedded")).containsText("Drafted nobody");

        cell(page, "embedded").click();
        page.getByLabel("Version").selectOption("1.0.0");
        assertThat(cell(page, "embedded")).containsText("Released nobody");
        waitSaved(page);
        Assertions.assertThat(component(document(admin, app), "embedded").get("properties").get("version").asString())
                .isEqualTo("1.0.0");

        page.getByLabel("Version").selectOption("");
        assertThat(cell(page, "embedded")).containsText("Drafted nobody");
        waitSaved(page);
        Assertions.assertThat(component(document(admin, app), "embedded").get("properties").get("version").isNull()).isTrue();
    }

    @Test
    void aModulesDeclarationEditedInItsEditorIsSavedAndOfferedToAnAppEmbeddingIt() {
        String module = module("Declared", """
                {"schemaVersion": 1, "pages": [{"id": "home", "title": "Home", "components": []}],
                 "module": {"inputs": [], "outputs": [], "events": []}}""");
        var page = openEditor(module);
        // A module's palette offers other modules, never the module itself.
        assertThat(page.locator("#palette .palette-modules")).isVisible();
        assertThat(page.locator("#palette .palette-module[data-module='" + module + "']")).hasCount(0);
        var declaration = page.locator("#inspector .module-declaration");

        declaration.getByText("Add input").click();
        page.getByLabel("Name of input 1").fill("theme");
        assertThat(declaration.locator("[data-declaration='inputs'] .declaration-entry")).containsText("reserved");
        page.getByLabel("Name of input 1").fill("region");
        page.getByLabel("Type of input 1").selectOption("number");
        page.getByLabel("Default of input 1").fill("5");

        declaration.getByText("Add output").click();
        page.getByLabel("Name of output 1").fill("total");
        declaration.locator("[data-declaration='outputs'] .CodeMirror").click();
        page.keyboard().type("{{ reg");
        assertThat(page.locator(".CodeMirror-hints")).containsText("region");
        page.keyboard().press("Escape");
        page.keyboard().type("ion * 2 }}");
        page.keyboard().press("Escape");

        declaration.getByText("Add event").click();
        page.getByLabel("Name of event 1").fill("done");

        page.locator("#palette .palette-item[data-type='button']").click();
        page.getByLabel("Add an action on click").selectOption("moduleEvent");
        assertThat(page.getByLabel("Module event")).hasValue("done");
        waitSaved(page);

        var saved = document(admin, module);
        Assertions.assertThat(saved.get("module").toString()).isEqualTo("{\"inputs\":[{\"name\":\"region\",\"type\":\"number\","
                + "\"default\":5}],\"outputs\":[{\"name\":\"total\",\"value\":\"{{ region * 2 }}\"}],\"events\":[{\"name\":\"done\"}]}");
        Assertions.assertThat(component(saved, "button1").get("events").toString())
                .isEqualTo("[{\"event\":\"click\",\"actions\":[{\"type\":\"moduleEvent\",\"event\":\"done\"}]}]");

        String app = space.app("Embedding", null);
        saveDocument(admin, app, """
                {"schemaVersion": 1, "pages": [{"id": "home", "title": "Home", "components": [
                  {"id": "embedded", "type": "module", "layout": {"x": 0, "y": 0, "w": 12, "h": 12},
                   "properties": {"module": "%s", "version": null, "inputs": {}}}]}]}""".formatted(module));
        var second = openEditor(app);
        cell(second, "embedded").click();
        var region = second.locator("#inspector [data-property='inputs/region']");
        assertThat(region).containsText("number");
        assertThat(region.locator(".CodeMirror-placeholder")).hasText("Default: 5");
        assertThat(second.locator("#inspector .module-inputs")).containsText("embedded.total");
        assertThat(second.locator("#inspector [data-event='done']")).isVisible();
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /** A module whose text greets its input {@code who} (default "nobody"); its output shouts it. */
    private static String greeter(String word) {
        return """
                {"schemaVersion": 1, "pages": [{"id": "home", "title": "Greeter", "components": [
                  {"id": "label", "type": "text", "layout": {"x": 0, "y": 0, "w": 12, "h": 4},
                   "properties": {"value": "%s {{ who }}"}}]}],
                 "module": {"inputs": [{"name": "who", "type": "string", "default": "nobody"}],
                            "outputs": [{"name": "shout", "value": "{{ who.toUpperCase() + '!' }}"}], "events": []}}
                """.formatted(word);
    }

    private String module(String prefix, String document) {
        var created = admin.post("/api/v1/apps", "{\"name\":\"" + TestSpaces.unique(prefix) + "\",\"kind\":\"module\"}");
        Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        saveDocument(admin, id, document);
        return id;
    }

    private Page openEditor(String app) {
        var context = Browsers.shared().newContext(new Browser.NewContextOptions()
                .setBaseURL("http://localhost:" + port).setViewportSize(1400, 900));
        contexts.add(context);
        var page = context.newPage();
        Browsers.signIn(page, builder.email(), TestSpaces.PASSWORD);
        page.navigate("/apps/" + app + "/edit");
        assertThat(page.locator("body")).hasAttribute("data-ready", "true");
        return page;
    }

    private static JsonNode component(JsonNode document, String id) {
        for (var component : document.get("pages").get(0).get("components")) {
            if (component.get("id").asString().equals(id)) {
                return component;
            }
        }
        throw new AssertionError("No component " + id + " in " + document);
    }
}
