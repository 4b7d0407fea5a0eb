package dev.toolyard.runtime;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
import tools.jackson.databind.json.JsonMapper;

/**
 * An app made through the API (document, queries on a real PostgreSQL), opened by end users at
 * /run/{id} in Chromium (T-AP3, T-CU1, T-CU2, T-SEC3): expressions over current_user and query
 * results, a failing query that breaks nothing else, the Marketing button for a member and a
 * non-member (and the server still refusing the non-member), a frame that can neither fetch nor
 * read its parent, and "not found" for a user without Use.
 */
@ToolyardTest
@ExtendWith(ChromiumAvailable.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuntimeBrowserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MARKETING_ONLY = "{{ current_user.groups.some(g => g.name === 'Marketing') }}";

    @LocalServerPort
    int port;

    private TestSpace space;
    private TestSpaces.Person marketer;
    private TestSpaces.Person engineer;
    private TestSpaces.Person stranger;
    private String app;
    private String budgets;
    private BrowserContext context;

    @BeforeAll
    void app() {
        Browsers.shared();
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        space = TestSpaces.create(port, "Runtime");
        marketer = space.enabledUser("marketer");
        engineer = space.enabledUser("engineer");
        stranger = space.enabledUser("stranger");
        String marketing = created(space.api().post("/api/v1/groups", "{\"name\":\"Marketing\"}"));
        String staff = created(space.api().post("/api/v1/groups", "{\"name\":\"Staff\"}"));
        space.addMember(marketing, marketer.id());
        space.addMember(staff, marketer.id());
        space.addMember(staff, engineer.id());
        app = space.app("Campaigns", null);
        space.saveAccess(staff, AccessJson.access().app(app, "USE").json());

        var database = TestPostgres.createDatabase();
        TestPostgres.run(database, "create table campaigns (name text, budget int)",
                "insert into campaigns values ('Autumn', 1200), ('Spring', 800)");
        String resource = space.resource("Marketing DB", null);
        var configured = space.api().send("PUT", "/api/v1/resources/" + resource + "/configurations/production",
                "{\"host\":\"" + database.host() + "\",\"port\":" + database.port() + ",\"database\":\""
                        + database.name() + "\",\"user\":\"" + database.user()
                        + "\",\"password\":\"unused\",\"tlsMode\":\"disable\",\"poolSize\":2}");
        Assertions.assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        // Record-level rule (T-CU3): only Marketing's members get rows, whatever the browser sends.
        budgets = query("budgets", resource, "select name, budget from campaigns where " + MARKETING_ONLY
                + " order by name");
        query("broken", resource, "select * from no_such_table");

        var draft = space.api().get("/api/v1/apps/" + app + "/document");
        Assertions.assertThat(draft.status()).as(draft.body()).isEqualTo(200);
        var saved = space.api().send("PUT", "/api/v1/apps/" + app + "/document", "{\"version\":"
                + draft.json().get("version").asInt() + ",\"document\":" + document() + "}");
        Assertions.assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    private static String document() {
        return """
                {"schemaVersion": 1,
                 "pages": [{"id": "home", "title": "Campaigns", "components": [
                   {"id": "welcome", "type": "text", "layout": {"x": 0, "y": 0, "w": 8, "h": 4},
                    "properties": {"value": "Signed in as {{ current_user.email }} in {{ current_user.groups.length }} groups", "size": "heading"}},
                   {"id": "showBudgets", "type": "button", "layout": {"x": 8, "y": 0, "w": 4, "h": 5},
                    "properties": {"text": "Show budgets",
                                   "hidden": "{{ !current_user.groups.some(g => g.name === 'Marketing') }}"},
                    "events": [{"event": "click", "actions": [{"type": "runQuery", "query": "budgets"}]}]},
                   {"id": "budgetList", "type": "text", "layout": {"x": 0, "y": 5, "w": 12, "h": 4},
                    "properties": {"value": "Budgets: {{ (budgets.data || []).map(r => r.name + ' ' + r.budget).join(', ') }} ({{ budgets.rowCount }} rows)"}},
                   {"id": "brokenView", "type": "text", "layout": {"x": 0, "y": 9, "w": 6, "h": 4},
                    "properties": {"value": "{{ broken.data }}"}},
                   {"id": "fetchAttempt", "type": "text", "layout": {"x": 0, "y": 13, "w": 6, "h": 4},
                    "properties": {"value": "{{ fetch('/api/v1/apps').then(r => 'fetched ' + r.status) }}"}},
                   {"id": "parentAttempt", "type": "text", "layout": {"x": 6, "y": 13, "w": 6, "h": 4},
                    "properties": {"value": "{{ (() => { try { return 'read ' + parent.document.title } catch (e) { return 'blocked ' + e.name } })() }}"}}
                 ]}],
                 "queries": [{"name": "broken", "runOnPageLoad": true, "onSuccess": [], "onFailure": []},
                             {"name": "budgets", "runOnPageLoad": false, "onSuccess": [{"type": "notify", "message": "Loaded {{ budgets.rowCount }} budgets", "kind": "success"}], "onFailure": []}],
                 "transformers": [],
                 "state": [],
                 "settings": {"theme": null}}
                """;
    }

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void aMarketerSeesTheButtonAndGetsTheBudgets() {
        var page = signIn(marketer);
        page.navigate("/run/" + app);
        var frame = frame(page);

        assertThat(cell(frame, "welcome")).hasText("Signed in as " + marketer.email() + " in 3 groups");
        assertThat(button(frame)).isVisible();
        button(frame).click();

        assertThat(cell(frame, "budgetList")).hasText("Budgets: Autumn 1200, Spring 800 (2 rows)");
        assertThat(page.locator(".toast.success")).hasText("Loaded 2 budgets");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/runtime-marketer.png")));
    }

    @Test
    void aNonMemberDoesNotSeeTheButtonAndTheServerStillGivesThemNothing() {
        var page = signIn(engineer);
        page.navigate("/run/" + app);
        var frame = frame(page);
        assertThat(cell(frame, "welcome")).hasText("Signed in as " + engineer.email() + " in 2 groups");
        assertThat(button(frame)).isHidden();
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/runtime-non-member.png")));

        // What the hidden button would do, done by hand with the engineer's own session.
        String runUrl = "/api/v1/apps/" + app + "/queries/" + budgets + "/run";
        var plain = runFromPage(page, runUrl, "{}");
        var forged = runFromPage(page, runUrl,
                "{\"values\":{\"current_user.groups.some(g => g.name === 'Marketing')\":true}}");

        Assertions.assertThat(plain.get("status")).as(plain.toString()).isEqualTo(200);
        Assertions.assertThat(JSON.readTree((String) plain.get("body")).get("rows")).isEmpty();
        Assertions.assertThat(forged.get("status")).as(forged.toString()).isEqualTo(403);
        Assertions.assertThat((String) forged.get("body")).contains("query.current_user_spoofing")
                .doesNotContain("Autumn");
    }

    @Test
    void aFailingQueryMarksItsComponentAndTheRestOfThePageWorks() {
        var page = signIn(marketer);
        page.navigate("/run/" + app);
        var frame = frame(page);

        var marker = marker(frame, "brokenView");
        assertThat(marker).isVisible();
        assertThat(marker).containsText("broken:");
        assertThat(cell(frame, "welcome")).hasText("Signed in as " + marketer.email() + " in 3 groups");
        button(frame).click();
        assertThat(cell(frame, "budgetList")).containsText("(2 rows)");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/runtime-failing-query.png")));
    }

    @Test
    void theAppsFrameCanNeitherFetchNorReadItsParent() {
        var page = signIn(marketer);
        var frameResponse = page.navigate("/run/" + app + "/frame");
        String policy = frameResponse.headers().get("content-security-policy");
        Assertions.assertThat(policy).contains("sandbox allow-scripts", "connect-src 'none'", "frame-ancestors 'self'")
                .doesNotContain("allow-same-origin");
        var script = page.request().get("/runtime/app.js");
        Assertions.assertThat(script.headers().get("access-control-allow-origin")).isEqualTo("*");

        page.navigate("/run/" + app);
        var frame = frame(page);
        assertThat(cell(frame, "parentAttempt")).hasText("blocked SecurityError");
        assertThat(marker(frame, "fetchAttempt")).containsText("Failed to fetch");
        assertThat(cell(frame, "fetchAttempt")).not().containsText("fetched");
        // The console's own pages keep their strict policy.
        var shell = page.request().get("/run/" + app);
        Assertions.assertThat(shell.headers().get("content-security-policy")).contains("script-src 'self';")
                .doesNotContain("unsafe-eval");
        Assertions.assertThat(shell.headers().get("x-frame-options")).isEqualTo("DENY");
    }

    @Test
    void aUserWithoutUseGetsNotFound() {
        var page = signIn(stranger);
        var response = page.navigate("/run/" + app);

        Assertions.assertThat(response.status()).isEqualTo(404);
        assertThat(page.locator("iframe")).hasCount(0);
        var bundle = page.request().get("/api/v1/apps/" + app + "/runtime");
        Assertions.assertThat(bundle.status()).isEqualTo(404);
        Assertions.assertThat(page.request().get("/run/" + app + "/frame").status()).isEqualTo(404);
    }

    @Test
    void theRuntimeBundleHasTheDocumentTheQueriesAndCurrentUser() {
        var bundle = marketer.token(port, "apps:read").get("/api/v1/apps/" + app + "/runtime");

        Assertions.assertThat(bundle.status()).as(bundle.body()).isEqualTo(200);
        JsonNode json = bundle.json();
        Assertions.assertThat(json.get("app").get("id").asString()).isEqualTo(app);
        Assertions.assertThat(json.get("release").isNull()).isTrue();
        Assertions.assertThat(json.get("document").get("pages").get(0).get("id").asString()).isEqualTo("home");
        var query = json.get("queries").get(1);
        Assertions.assertThat(query.get("name").asString()).isEqualTo("budgets");
        Assertions.assertThat(query.get("kind").asString()).isEqualTo("app");
        Assertions.assertThat(query.get("runUrl").asString())
                .isEqualTo("/api/v1/apps/" + app + "/queries/" + budgets + "/run");
        // The only expression references current_user: the browser sends nothing for it, no state either.
        Assertions.assertThat(query.get("expressions")).isEmpty();
        Assertions.assertThat(query.get("stateNames")).isEmpty();
        var user = json.get("currentUser");
        Assertions.assertThat(user.get("email").asString()).isEqualTo(marketer.email());
        Assertions.assertThat(user.get("groups").findValuesAsString("name")).contains("Marketing", "Staff");
    }

    private Page signIn(TestSpaces.Person person) {
        context = Browsers.shared().newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + port));
        var page = context.newPage();
        page.navigate("/login");
        page.getByLabel("E-mail").fill(person.email());
        page.getByLabel("Password").fill(TestSpaces.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page).hasURL("http://localhost:" + port + "/");
        return page;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> runFromPage(Page page, String url, String body) {
        return (Map<String, Object>) page.evaluate("async ([url, body]) => {"
                + " const header = document.querySelector('meta[name=\"toolyard-csrf-header\"]').content;"
                + " const token = document.querySelector('meta[name=\"toolyard-csrf-token\"]').content;"
                + " const response = await fetch(url, {method: 'POST', body, headers: {'Content-Type': 'application/json', [header]: token}});"
                + " return {status: response.status, body: await response.text()}; }", List.of(url, body));
    }

    private static FrameLocator frame(Page page) {
        return page.frameLocator("iframe.app-frame");
    }

    private static Locator cell(FrameLocator frame, String id) {
        return frame.locator("[data-component='" + id + "'] .ty-body");
    }

    private static Locator marker(FrameLocator frame, String id) {
        return frame.locator("[data-component='" + id + "'] .ty-error");
    }

    private static Locator button(FrameLocator frame) {
        return frame.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Show budgets"));
    }

    private String query(String name, String resource, String sql) {
        return created(space.api().post("/api/v1/apps/" + app + "/queries", "{\"name\":\"" + name + "\",\"resourceId\":\""
                + resource + "\",\"fields\":[{\"name\":\"sql\",\"template\":" + JSON.writeValueAsString(sql) + "}]}"));
    }

    private static String created(ApiClient.Response response) {
        Assertions.assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }
}
