package dev.toolyard.apps;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.toolyard.testing.EditorPages.chooseHint;
import static dev.toolyard.testing.EditorPages.saveDocument;

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
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;

import dev.toolyard.testing.AccessJson;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.Browsers;
import dev.toolyard.testing.ChromiumAvailable;
import dev.toolyard.testing.TestPostgres;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;
import tools.jackson.databind.JsonNode;

/**
 * The editor's Queries, State and Transformers panels (T-AP4, T-A4, T-A5, T-RS3) with a builder who
 * may edit the app and use one resource of two: they create, save and run a query with a `{{ }}`
 * test value and see its rows; the resource they cannot use and the environment limited to others
 * are not offered, and the API refuses a query on that resource and a document that uses a query
 * they could not make; state variables, transformers and a query's runtime settings reach the
 * saved document. The panels are mounted on a test page that builds the editor context the way
 * docs/editor.md describes.
 */
@ToolyardTest
@ExtendWith(ChromiumAvailable.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PanelsBrowserTest {

    @LocalServerPort
    int port;

    private TestSpace space;
    private TestSpaces.Person builder;
    private ApiClient builderApi;
    private String salesName;
    private String secret;
    private String secretName;
    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    @BeforeAll
    void space() {
        Browsers.shared();
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        space = TestSpaces.create(port, "Panels");
        builder = space.enabledUser("builder");
        var builders = space.group("Builders");
        space.addMember(builders, builder.id());

        var database = TestPostgres.createDatabase();
        TestPostgres.run(database, "create table customers (name text, city text)",
                "insert into customers values ('Ada', 'Oslo'), ('Alan', 'Leeds'), ('Grace', 'Oslo')");
        var sales = space.resource("Sales DB", null);
        salesName = space.api().get("/api/v1/resources/" + sales).json().get("name").asString();
        space.configureProduction(sales, database);
        secret = space.resource("Secret DB", null);
        secretName = space.api().get("/api/v1/resources/" + secret).json().get("name").asString();
        space.configureProduction(secret, database);
        space.saveAccess(builders, AccessJson.access().globalApps("EDIT").resource(sales, "USE").json());
        var limited = space.api().post("/api/v1/environments", "{\"name\":\"vault\",\"limited\":true,\"groupIds\":[]}");
        Assertions.assertThat(limited.status()).as(limited.body()).isEqualTo(201);
        builderApi = builder.token(port, TestSpaces.ALL_SCOPES);
    }

    @AfterEach
    void close() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
        Assertions.assertThat(problems).as("console errors and CSP violations").isEmpty();
        problems.clear();
    }

    @Test
    void aBuilderCreatesSavesAndRunsAQueryWithATestValueAndSeesItsRows() {
        var app = space.app("Customers", null);
        saveDocument(space.api(), app, "{\"schemaVersion\":1,\"pages\":[{\"id\":\"home\",\"title\":\"Home\",\"components\":["
                + "{\"id\":\"search\",\"type\":\"textInput\",\"layout\":{\"x\":0,\"y\":0,\"w\":4,\"h\":5},\"properties\":{}}]}]}");
        var page = open(app);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New query")).click();
        Locator form = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Query"));
        form.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill("customers");
        form.getByLabel("Resource").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(salesName + " (PostgreSQL)"));
        page.getByLabel("SQL", new Page.GetByLabelOptions().setExact(true)).focus();
        page.keyboard().type("select name, city from customers where name like {{ sea");
        assertThat(page.locator(".CodeMirror-hints li").first()).hasText(Pattern.compile("^search"));
        page.keyboard().type("rch.valu");
        assertThat(page.locator(".CodeMirror-hints li")).hasCount(1);
        chooseHint(page);
        page.keyboard().type(" }} order by name");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/editor-panels-new-query.png")));
        page.keyboard().press("Control+s");

        assertThat(page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Queries")))
                .containsText("customers");
        assertThat(page.locator("#bundle-changes")).not().hasText("0");
        var saved = builderApi.get("/api/v1/apps/" + app + "/queries").json().get(0);
        Assertions.assertThat(saved.get("fields").get(0).get("template").asString())
                .isEqualTo("select name, city from customers where name like {{ search.value }} order by name");

        page.getByLabel("{{ search.value }}").fill("A%");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run").setExact(true)).click();
        Locator result = page.getByLabel("Result");
        assertThat(result.locator("tbody tr")).hasCount(2);
        assertThat(result.locator("tbody tr").first()).containsText("Ada");
        assertThat(result.locator(".result-facts")).containsText("2 rows");
        assertThat(result.locator(".result-facts")).containsText("not truncated");
        assertThat(result.locator(".result-facts")).containsText("production");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/editor-panels-run-result.png")));

        page.getByLabel("SQL", new Page.GetByLabelOptions().setExact(true)).focus();
        page.keyboard().press("Control+End");
        page.keyboard().type(" limit");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run").setExact(true)).click();
        assertThat(result.locator(".run-problem")).containsText("source.error");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/editor-panels-run-problem.png")));
    }

    @Test
    void theResourceAndEnvironmentPickersOfferOnlyWhatTheBuilderMayUse() {
        var app = space.app("Pickers", null);
        var page = open(app);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New query")).click();
        Locator resource = page.getByLabel("Resource");
        assertThat(resource.locator("option")).hasText(new String[] {"Choose a resource", salesName + " (PostgreSQL)"});

        var created = builderApi.post("/api/v1/apps/" + app + "/queries",
                "{\"name\":\"mine\",\"resourceId\":\"" + resourceId(salesName) + "\",\"fields\":[{\"name\":\"sql\",\"template\":\"select 1\"}]}");
        Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);
        page.reload();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^mine"))).click();
        assertThat(page.getByLabel("Environment").locator("option")).hasText(new String[] {"production", "staging"});
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/editor-panels-pickers.png")));
    }

    @Test
    void theApiRefusesAQueryOnAResourceTheBuilderCannotUseAndADocumentThatUsesIt() {
        var app = space.app("Refusals", null);
        var refused = builderApi.post("/api/v1/apps/" + app + "/queries",
                "{\"name\":\"secretRows\",\"resourceId\":\"" + secret + "\",\"fields\":[{\"name\":\"sql\",\"template\":\"select 1\"}]}");
        Assertions.assertThat(refused.status()).isEqualTo(404);
        Assertions.assertThat(refused.json().get("code").asString()).isEqualTo("resource.not_found");

        var document = builderApi.get("/api/v1/apps/" + app + "/document").json();
        var put = builderApi.send("PUT", "/api/v1/apps/" + app + "/document", "{\"version\":" + document.get("version")
                + ",\"document\":{\"schemaVersion\":1,\"pages\":[{\"id\":\"home\",\"title\":\"Home\",\"components\":[]}],"
                + "\"queries\":[{\"name\":\"secretRows\",\"runOnPageLoad\":true}]}}");
        Assertions.assertThat(put.status()).as(put.body()).isEqualTo(400);
        Assertions.assertThat(put.json().get("code").asString()).isEqualTo("app.document_invalid");
        Assertions.assertThat(put.json().get("errors").get(0).get("code").asString()).isEqualTo("document.unknown_reference");

        // A query someone else wrote on that resource: the builder may run it (T-A5), never change it.
        var theirs = space.api().post("/api/v1/apps/" + app + "/queries",
                "{\"name\":\"audited\",\"resourceId\":\"" + secret + "\",\"fields\":[{\"name\":\"sql\",\"template\":\"select 1 as one\"}]}");
        Assertions.assertThat(theirs.status()).as(theirs.body()).isEqualTo(201);
        var change = builderApi.send("PUT", "/api/v1/apps/" + app + "/queries/" + theirs.json().get("id").asString(),
                "{\"name\":\"audited\",\"resourceId\":\"" + resourceId(salesName) + "\",\"fields\":[{\"name\":\"sql\",\"template\":\"select 2\"}]}");
        Assertions.assertThat(change.status()).isEqualTo(404);

        var page = open(app);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^audited"))).click();
        assertThat(page.locator(".query-form .aside").first()).containsText("resource you may not use");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save").setExact(true))).isDisabled();
        assertThat(page.getByLabel("SQL", new Page.GetByLabelOptions().setExact(true))).hasAttribute("aria-readonly", "true");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run").setExact(true)).click();
        assertThat(page.getByLabel("Result").locator("tbody tr")).hasCount(1);
    }

    @Test
    void queryNamesMustBeValidAndFree() {
        var app = space.app("Names", null);
        saveDocument(space.api(), app, "{\"schemaVersion\":1,\"pages\":[{\"id\":\"home\",\"title\":\"Home\",\"components\":["
                + "{\"id\":\"table1\",\"type\":\"table\",\"layout\":{\"x\":0,\"y\":0,\"w\":4,\"h\":5},\"properties\":{}}]}]}");
        var page = open(app);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New query")).click();
        Locator form = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Query"));
        Locator name = form.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true));
        name.fill("2 customers");
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create")).click();
        assertThat(form.locator(".field-error").first()).containsText("A name is a letter or _");
        name.fill("table1");
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create")).click();
        assertThat(form.locator(".field-error").first()).containsText("'table1' is already taken");
        name.fill("customers");
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create")).click();
        assertThat(form.locator(".field-error:not([hidden])")).hasText(new String[] {"resourceId must name a resource"});
        Assertions.assertThat(builderApi.get("/api/v1/apps/" + app + "/queries").json().size()).isZero();
    }

    @Test
    void stateTransformersAndAQuerysRuntimeSettingsReachTheSavedDocument() {
        var app = space.app("Settings", null);
        var page = openWithOrders(app);

        page.getByLabel("Run when the page loads").check();
        page.getByLabel("On success: new action").selectOption("notify");
        page.getByLabel("Message").focus();
        page.keyboard().press("Control+a");
        page.keyboard().type("Loaded {{ orders.rowC");
        chooseHint(page);
        page.keyboard().type(" }} orders");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/editor-panels-settings.png")));

        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("State")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add state variable")).click();
        Locator stateName = page.getByLabel("State variable name");
        stateName.fill("orders");
        stateName.press("Enter");
        assertThat(page.locator("#panel-state .field-error").first()).containsText("'orders' is already taken");
        stateName.fill("filters");
        stateName.press("Enter");
        page.getByLabel("Initial value of filters").focus();
        page.keyboard().press("Control+a");
        page.keyboard().type("{\"city\": ");
        assertThat(page.locator("#panel-state .field-error").nth(1)).containsText("must be JSON");
        page.keyboard().type("\"Oslo\"}");
        assertThat(page.locator("#panel-state .field-error").nth(1)).isHidden();

        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Transformers")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add transformer")).click();
        page.getByLabel("Body of transformer1").focus();
        page.keyboard().press("Control+a");
        page.keyboard().type("return filt");
        assertThat(page.locator(".CodeMirror-hints li").first()).hasText(Pattern.compile("^filters"));
        chooseHint(page);
        page.keyboard().type(".city;");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/editor-panels-transformers.png")));

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save document")).click();
        assertThat(page.locator("#saved")).hasText(Pattern.compile("^Saved version"));
        JsonNode document = builderApi.get("/api/v1/apps/" + app + "/document").json().get("document");
        Assertions.assertThat(document.get("state").toString()).isEqualTo("[{\"name\":\"filters\",\"initial\":{\"city\":\"Oslo\"}}]");
        Assertions.assertThat(document.get("transformers").toString())
                .isEqualTo("[{\"name\":\"transformer1\",\"body\":\"return filters.city;\"}]");
        var entry = document.get("queries").get(0);
        Assertions.assertThat(entry.get("runOnPageLoad").asBoolean()).isTrue();
        Assertions.assertThat(entry.get("onSuccess").toString())
                .isEqualTo("[{\"type\":\"notify\",\"message\":\"Loaded {{ orders.rowCount }} orders\",\"kind\":\"info\"}]");
    }

    @Test
    void aQuerysActionsMoveAndGoEachChangeOneUndoStep() {
        var app = space.app("Actions", null);
        var page = openWithOrders(app);
        Locator actions = page.locator(".query-settings .action");

        page.getByLabel("On success: new action").selectOption("notify");
        page.getByLabel("On success: new action").focus();
        page.getByLabel("On success: new action").selectOption("runQuery");
        assertThat(actions).hasCount(2);
        Assertions.assertThat(page.getByLabel("On success: new action").evaluate("select => select === document.activeElement"))
                .isEqualTo(true);
        Assertions.assertThat(page.getByLabel("On success: new action").locator("option").allTextContents())
                .doesNotContain("Send a module event");
        actions.nth(1).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Up")).click();
        assertThat(actions.first()).hasAttribute("data-action", "runQuery");
        assertThat(actions.first().getByLabel("Query")).hasValue("orders");
        page.getByLabel("Message").focus();
        page.keyboard().press("Control+a");
        page.keyboard().type("Hi there");
        assertThat(actions.nth(1).locator(".CodeMirror-code")).hasText("Hi there");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Undo")).click();
        assertThat(actions.nth(1).locator(".CodeMirror-code")).hasText("Done");
        assertThat(actions.first()).hasAttribute("data-action", "runQuery");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Undo")).click();
        assertThat(actions.first()).hasAttribute("data-action", "notify");
        actions.first().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Down")).click();
        assertThat(actions.nth(1)).hasAttribute("data-action", "notify");
        actions.first().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove")).click();
        assertThat(actions).hasCount(1);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save document")).click();
        assertThat(page.locator("#saved")).hasText(Pattern.compile("^Saved version"));
        JsonNode document = builderApi.get("/api/v1/apps/" + app + "/document").json().get("document");
        Assertions.assertThat(document.get("queries").get(0).get("onSuccess").toString())
                .isEqualTo("[{\"type\":\"notify\",\"message\":\"Done\",\"kind\":\"info\"}]");
    }

    /** Opens the panels on the app with a new query {@code orders} on the usable resource, chosen in the list. */
    private Page openWithOrders(String app) {
        var created = builderApi.post("/api/v1/apps/" + app + "/queries",
                "{\"name\":\"orders\",\"resourceId\":\"" + resourceId(salesName) + "\",\"fields\":[{\"name\":\"sql\",\"template\":\"select 1\"}]}");
        Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);
        var page = open(app);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^orders"))).click();
        return page;
    }

    private String resourceId(String name) {
        for (var resource : builderApi.get("/api/v1/resources").json()) {
            if (resource.get("name").asString().equals(name)) {
                return resource.get("id").asString();
            }
        }
        throw new AssertionError("no resource " + name);
    }

    private Page open(String app) {
        var context = Browsers.shared().newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + port)
                .setViewportSize(1280, 1000));
        contexts.add(context);
        var page = context.newPage();
        page.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy")) {
                problems.add(message.text());
            }
        });
        page.onPageError(error -> problems.add(error));
        page.onDialog(dialog -> dialog.accept());
        Browsers.signIn(page, builder.email(), TestSpaces.PASSWORD);
        page.navigate("/editor-harness/panels.html?app=" + app);
        assertThat(page.locator("body[data-ready=true]")).hasCount(1);
        return page;
    }
}
