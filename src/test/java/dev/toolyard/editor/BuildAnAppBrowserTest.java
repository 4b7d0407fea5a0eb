package dev.toolyard.editor;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.toolyard.testing.EditorPages.cell;
import static dev.toolyard.testing.EditorPages.chooseHint;
import static dev.toolyard.testing.EditorPages.document;
import static dev.toolyard.testing.EditorPages.saveDocument;
import static dev.toolyard.testing.EditorPages.waitSaved;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Mouse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;

import dev.toolyard.testing.AccessJson;
import dev.toolyard.testing.Browsers;
import dev.toolyard.testing.ChromiumAvailable;
import dev.toolyard.testing.TestPostgres;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;

/**
 * Issue 6 end to end (T-AP4, T-AP3, T-R1): a builder makes an app entirely in the editor — a text
 * input, a button and a table dragged onto the grid, a query with a `{{ }}` parameter bound to the
 * input, the table bound to the query, a click handler on the button — previews it, releases it on
 * the releases page, and an end user uses it at /run/{id}.
 */
@ToolyardTest
@ExtendWith(ChromiumAvailable.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuildAnAppBrowserTest {

    @LocalServerPort
    int port;

    private TestSpace space;
    private TestSpaces.Person endUser;
    private String resource;
    private String resourceName;
    private String users;
    private final List<BrowserContext> contexts = new ArrayList<>();

    @BeforeAll
    void space() {
        Browsers.shared();
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        space = TestSpaces.create(port, "Build");
        endUser = space.enabledUser("enduser");
        users = space.group("Users");
        space.addMember(users, endUser.id());
        var database = TestPostgres.createDatabase();
        TestPostgres.run(database, "create table customers (name text, city text)",
                "insert into customers values ('Ada', 'Oslo'), ('Alan', 'Leeds'), ('Grace', 'Oslo')");
        resource = space.resource("Customers DB", null);
        resourceName = space.api().get("/api/v1/resources/" + resource).json().get("name").asString();
        space.configureProduction(resource, database);
    }

    @AfterEach
    void close() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    @Test
    void aBuilderMakesAnAppInTheEditorReleasesItAndAnEndUserUsesIt() {
        var app = space.app("Customers by city", null);
        space.saveAccess(users, AccessJson.access().app(app, "USE").json());
        var page = signIn(space.admin());
        page.navigate("/apps/" + app + "/edit");
        assertThat(page.locator("body")).hasAttribute("data-ready", "true");

        drop(page, "textInput", 0, 0);
        assertThat(cell(page, "textInput1")).isVisible();
        drop(page, "button", 6, 0);
        assertThat(cell(page, "button1")).isVisible();
        drop(page, "table", 0, 10);
        assertThat(cell(page, "table1")).isVisible();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New query")).click();
        Locator form = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Query"));
        form.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill("people");
        form.getByLabel("Resource").selectOption(new SelectOption().setLabel(resourceName + " (PostgreSQL)"));
        page.getByLabel("SQL", new Page.GetByLabelOptions().setExact(true)).focus();
        page.keyboard().type("select name, city from customers where city = {{ textInput1.valu");
        chooseHint(page);
        page.keyboard().type(" }} order by name");
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create")).click();
        assertThat(page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Queries"))).containsText("people");
        page.getByLabel("{{ textInput1.value }}").fill("Oslo");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run").setExact(true)).click();
        assertThat(page.getByLabel("Result").locator("tbody tr")).hasCount(2);
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/editor-panels-end-to-end-query.png")));

        cell(page, "table1").click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Expression for data")).click();
        page.getByLabel("data", new Page.GetByLabelOptions().setExact(true)).focus();
        page.keyboard().press("Control+a");
        page.keyboard().type("{{ people.data");
        page.keyboard().press("Escape");
        page.keyboard().type(" }}");

        cell(page, "button1").click();
        page.getByLabel("Add an action on click").selectOption("runQuery");
        assertThat(page.locator("[data-action='runQuery'] select")).hasValue("people");
        waitSaved(page);
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/editor-panels-end-to-end-editor.png")));

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Preview")).click();
        FrameLocator preview = page.frameLocator("iframe.editor-frame");
        preview.locator("[data-component='textInput1'] input").fill("Leeds");
        preview.locator("[data-component='button1'] button").click();
        assertThat(preview.locator("[data-component='table1'] tbody tr")).hasCount(1);
        assertThat(preview.locator("[data-component='table1'] tbody tr")).containsText("Alan");

        page.navigate("/apps/" + app + "/releases");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish and make live")).click();
        assertThat(page.locator("table")).containsText("0.1.0");

        var user = signIn(endUser);
        user.navigate("/run/" + app);
        FrameLocator running = user.frameLocator("iframe.app-frame");
        running.locator("[data-component='textInput1'] input").fill("Oslo");
        running.locator("[data-component='button1'] button").click();
        assertThat(running.locator("[data-component='table1'] tbody tr")).hasCount(2);
        assertThat(running.locator("[data-component='table1'] tbody tr").first()).containsText("Ada");
        user.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/editor-panels-end-to-end-run.png")));
    }

    @Test
    void aLibraryImportsParameterSetInTheQueriesPanelIsSavedAndSentWhenTheCanvasAndPreviewRunIt() {
        var library = space.api().post("/api/v1/query-library", "{\"name\":\"customers_in_city\",\"resourceId\":\""
                + resource + "\",\"parameters\":[{\"name\":\"city\",\"description\":\"Where the customers live\","
                + "\"defaultValue\":\"Leeds\"}],\"fields\":[{\"name\":\"sql\",\"template\":"
                + "\"select name from customers where city = {{ city }} order by name\"}]}");
        Assertions.assertThat(library.status()).as(library.body()).isEqualTo(201);
        var app = space.app("Customers of a city", null);
        var imported = space.api().post("/api/v1/apps/" + app + "/library-imports",
                "{\"libraryQueryId\":\"" + library.json().get("id").asString() + "\",\"name\":\"byCity\"}");
        Assertions.assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        saveDocument(space.api(), app, """
                {"schemaVersion": 1, "pages": [{"id": "home", "title": "Home", "components": [
                  {"id": "textInput1", "type": "textInput", "layout": {"x": 0, "y": 0, "w": 6, "h": 8},
                   "properties": {"label": "City", "value": "Oslo"}},
                  {"id": "found", "type": "text", "layout": {"x": 0, "y": 8, "w": 12, "h": 4},
                   "properties": {"value": "Found: {{ (byCity.data || []).map(r => r.name).join(', ') }}"}}]}],
                 "queries": [{"name": "byCity", "runOnPageLoad": true, "parameters": {}, "onSuccess": [], "onFailure": []}]}
                """);
        var page = signIn(space.admin());
        page.navigate("/apps/" + app + "/edit");
        assertThat(page.locator("body")).hasAttribute("data-ready", "true");
        assertThat(cell(page, "found")).hasText("Found: Alan");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^byCity"))).click();
        Locator city = page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("city"));
        assertThat(city).containsText("Where the customers live");
        assertThat(city.locator(".CodeMirror-placeholder")).hasText("Default: Leeds");
        page.getByLabel("Parameter city").focus();
        page.keyboard().type("{{ textInput1.valu");
        chooseHint(page);
        page.keyboard().type(" }}");
        waitSaved(page);

        var entry = document(space.api(), app).get("queries").get(0);
        Assertions.assertThat(entry.get("parameters").toString()).isEqualTo("{\"city\":\"{{ textInput1.value }}\"}");
        assertThat(cell(page, "found")).hasText("Found: Ada, Grace");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/editor-import-parameters.png")));

        // The panel's own run asks for a test value of the parameter's expression, and sends it.
        Locator run = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run").setExact(true));
        run.click();
        page.getByLabel("Parameter city ({{ textInput1.value }})").fill("\"Leeds\"");
        run.click();
        assertThat(page.locator(".query-result")).containsText("1 rows");
        assertThat(page.locator(".query-result")).containsText("Alan");

        // The preview draws a new runtime beside the old one and swaps it in: read the one on screen.
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Preview")).click();
        assertThat(cell(page, "found")).hasText("Found: Ada, Grace");
    }

    /** Drags a palette item onto the page's grid at column x, row y (8 px rows). */
    private static void drop(Page page, String type, int x, int y) {
        var frameBox = page.locator("iframe.editor-frame").boundingBox();
        @SuppressWarnings("unchecked")
        var metrics = (java.util.Map<String, Object>) page.frames().stream().filter(f -> f.url().endsWith("/frame"))
                .findFirst().orElseThrow().evaluate("() => { const grid = document.querySelector("
                        + "'.ty-edit-root .ty-page:not([hidden])'); const box = grid.getBoundingClientRect(); const style = "
                        + "getComputedStyle(grid); const gap = parseFloat(style.columnGap); return {left: box.left, top: box.top, "
                        + "pitch: (box.width - 11 * gap) / 12 + gap}; }");
        double left = frameBox.x + ((Number) metrics.get("left")).doubleValue();
        double top = frameBox.y + ((Number) metrics.get("top")).doubleValue();
        double pitch = ((Number) metrics.get("pitch")).doubleValue();
        var item = page.locator(".palette-item[data-type='" + type + "']").boundingBox();
        page.mouse().move(item.x + 20, item.y + 10);
        page.mouse().down();
        page.mouse().move(left + x * pitch + 5, top + y * 8 + 3, new Mouse.MoveOptions().setSteps(10));
        page.mouse().up();
    }

    private Page signIn(TestSpaces.Person person) {
        var context = Browsers.shared().newContext(new Browser.NewContextOptions()
                .setBaseURL("http://localhost:" + port).setViewportSize(1400, 1000));
        contexts.add(context);
        var page = context.newPage();
        Browsers.signIn(page, person.email(), TestSpaces.PASSWORD);
        return page;
    }
}
