package dev.toolyard.runtime;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private String staff;
    private String budgets;
    private String resource;
    private final List<BrowserContext> contexts = new ArrayList<>();

    @BeforeAll
    void app() {
        Browsers.shared();
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        space = TestSpaces.create(port, "Runtime");
        marketer = space.enabledUser("marketer");
        engineer = space.enabledUser("engineer");
        stranger = space.enabledUser("stranger");
        String marketing = created(space.api().post("/api/v1/groups", "{\"name\":\"Marketing\"}"));
        staff = created(space.api().post("/api/v1/groups", "{\"name\":\"Staff\"}"));
        space.addMember(marketing, marketer.id());
        space.addMember(staff, marketer.id());
        space.addMember(staff, engineer.id());
        app = space.app("Campaigns", null);
        space.saveAccess(staff, AccessJson.access().app(app, "USE").json());

        var database = TestPostgres.createDatabase();
        TestPostgres.run(database, "create table campaigns (name text, budget int)",
                "insert into campaigns values ('Autumn', 1200), ('Spring', 800)");
        resource = space.resource("Marketing DB", null);
        var configured = space.api().send("PUT", "/api/v1/resources/" + resource + "/configurations/production",
                "{\"host\":\"" + database.host() + "\",\"port\":" + database.port() + ",\"database\":\""
                        + database.name() + "\",\"user\":\"" + database.user()
                        + "\",\"password\":\"unused\",\"tlsMode\":\"disable\",\"poolSize\":2}");
        Assertions.assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        // Record-level rule (T-CU3): only Marketing's members get rows, whatever the browser sends.
        budgets = query("budgets", resource, "select name, budget from campaigns where " + MARKETING_ONLY
                + " order by name");
        query("broken", resource, "select * from no_such_table");
        query("slow", resource, "select 'done' as state from pg_sleep(2)");

        saveDocument(app, document());
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
                    "properties": {"value": "{{ (() => { try { return 'read ' + parent.document.title } catch (e) { return 'blocked ' + e.name } })() }}"}},
                   {"id": "slowView", "type": "text", "layout": {"x": 6, "y": 9, "w": 6, "h": 4},
                    "properties": {"value": "Slow: {{ slow.data ? slow.data[0].state : 'waiting' }}"}},
                   {"id": "loadSlowly", "type": "button", "layout": {"x": 9, "y": 17, "w": 3, "h": 5},
                    "properties": {"text": "Load slowly", "loading": "{{ slow.isLoading }}"},
                    "events": [{"event": "click", "actions": [{"type": "runQuery", "query": "slow"}]}]},
                   {"id": "region", "type": "text", "layout": {"x": 0, "y": 17, "w": 6, "h": 4},
                    "properties": {"value": "Region {{ url.params.region || 'none' }}"}},
                   {"id": "toDetails", "type": "button", "layout": {"x": 6, "y": 17, "w": 3, "h": 5},
                    "properties": {"text": "Details", "variant": "secondary"},
                    "events": [{"event": "click", "actions": [{"type": "openPage", "page": "details"}]}]}
                 ]},
                 {"id": "details", "title": "Details", "components": [
                   {"id": "detailsTitle", "type": "text", "layout": {"x": 0, "y": 0, "w": 12, "h": 4},
                    "properties": {"value": "Details of {{ page.title }} for {{ current_user.email }}"}}
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
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    @Test
    void aMarketerSeesTheButtonAndGetsTheBudgets() {
        var page = signIn(marketer);
        page.navigate("/apps");
        page.locator("a[href='/run/" + app + "']").click();
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
    void aComponentShowsALoadingOverlayWhileTheQueryItReadsRuns() {
        var page = signIn(marketer);
        page.navigate("/run/" + app);
        var frame = frame(page);

        assertThat(cell(frame, "slowView")).hasText("Slow: waiting");
        frame.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Load slowly")).click();

        assertThat(frame.locator("[data-component='slowView'] .ty-loading")).isVisible();
        assertThat(frame.locator("[data-component='loadSlowly'] button")).isDisabled();
        assertThat(frame.locator("[data-component='welcome'] .ty-loading")).isHidden();
        assertThat(cell(frame, "slowView")).hasText("Slow: done");
        assertThat(frame.locator("[data-component='slowView'] .ty-loading")).isHidden();
        assertThat(frame.locator("[data-component='loadSlowly'] button")).isEnabled();
    }

    @Test
    void theShellRunsOnlyTheAppsOwnQueriesAndOpensOnlyWebAddresses() {
        var page = signIn(marketer);
        page.navigate("/run/" + app);
        assertThat(cell(frame(page), "welcome")).containsText("Signed in as");
        var appFrame = page.frames().stream().filter(f -> f.url().endsWith("/frame")).findFirst().orElseThrow();

        Object answer = appFrame.evaluate("() => new Promise(resolve => {"
                + " addEventListener('message', e => { if (e.data.id === 4242) resolve(e.data.body.code); });"
                + " parent.postMessage({type: 'runQuery', id: 4242, name: 'notAQuery', values: {}, state: {}}, '*'); })");
        Assertions.assertThat(answer).isEqualTo("runtime.query_unknown");

        appFrame.evaluate("() => parent.postMessage({type: 'openUrl', url: 'javascript:alert(document.cookie)'}, '*')");
        assertThat(page.locator(".toast.error")).hasText("Only http and https addresses can be opened");
        Assertions.assertThat(page.url()).contains("/run/" + app);
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
    void urlParametersReachExpressionsAndPagesSwitch() {
        var page = signIn(marketer);
        page.navigate("/run/" + app + "?region=EMEA");
        var frame = frame(page);
        assertThat(cell(frame, "region")).hasText("Region EMEA");
        assertThat(frame.locator(".ty-pages button")).hasCount(2);

        frame.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Details").setExact(true)).nth(1)
                .click();

        assertThat(cell(frame, "detailsTitle")).hasText("Details of Details for " + marketer.email());
        assertThat(cell(frame, "welcome")).isHidden();
        assertThat(page).hasURL(Pattern.compile(".*[?&]page=details.*"));
        page.reload();
        assertThat(cell(frame(page), "detailsTitle")).isVisible();
    }

    @Test
    void endUsersGetTheLiveReleaseWhileTheDraftChangesAndARollbackChangesWhatTheySee() {
        String released = space.app("Released", null);
        space.saveAccess(staff, AccessJson.access().app(app, "USE").app(released, "USE").json());
        saveDocument(released, oneText("Version one"));
        var published = space.api().post("/api/v1/apps/" + released + "/releases", "{\"bump\":\"major\",\"notes\":\"First\"}");
        Assertions.assertThat(published.status()).as(published.body()).isEqualTo(201);
        saveDocument(released, oneText("Draft two"));

        var page = signIn(engineer);
        page.navigate("/run/" + released);
        assertThat(cell(frame(page), "only")).hasText("Version one");
        page.navigate("/run/" + released + "?release=latest");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Edit");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/runtime-release-forbidden.png")));

        var admin = signIn(space.admin());
        admin.navigate("/run/" + released + "?release=latest");
        assertThat(cell(frame(admin), "only")).hasText("Draft two");

        var second = space.api().post("/api/v1/apps/" + released + "/releases", "{\"bump\":\"minor\",\"notes\":\"Second\"}");
        Assertions.assertThat(second.status()).as(second.body()).isEqualTo(201);
        page.navigate("/run/" + released);
        assertThat(cell(frame(page), "only")).hasText("Draft two");

        var rollback = space.api().post("/api/v1/apps/" + released + "/releases/1.0.0/live", "");
        Assertions.assertThat(rollback.status()).as(rollback.body()).isBetween(200, 204);
        page.navigate("/run/" + released);
        assertThat(cell(frame(page), "only")).hasText("Version one");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/runtime-after-rollback.png")));
    }

    private static String oneText(String value) {
        return "{\"schemaVersion\": 1, \"pages\": [{\"id\": \"home\", \"title\": \"Home\", \"components\": ["
                + "{\"id\": \"only\", \"type\": \"text\", \"layout\": {\"x\": 0, \"y\": 0, \"w\": 12, \"h\": 4}, "
                + "\"properties\": {\"value\": \"" + value + "\"}}]}], \"queries\": [], \"transformers\": [], "
                + "\"state\": [], \"settings\": {\"theme\": null}}";
    }

    private void saveDocument(String app, String document) {
        var draft = space.api().get("/api/v1/apps/" + app + "/document");
        Assertions.assertThat(draft.status()).as(draft.body()).isEqualTo(200);
        var saved = space.api().send("PUT", "/api/v1/apps/" + app + "/document", "{\"version\":"
                + draft.json().get("version").asInt() + ",\"document\":" + document + "}");
        Assertions.assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    @Test
    void aLibraryImportRunsWithTheParametersTheDocumentBindsToAnInput() {
        String library = created(space.api().post("/api/v1/query-library", "{\"name\":\"campaign_by_name\","
                + "\"resourceId\":\"" + resource + "\",\"parameters\":[{\"name\":\"wanted\",\"defaultValue\":\"Spring\"}],"
                + "\"fields\":[{\"name\":\"sql\",\"template\":\"select name, budget from campaigns where name = {{ wanted }}\"}]}"));
        String lookup = space.app("Lookup", null);
        space.saveAccess(staff, AccessJson.access().app(app, "USE").app(lookup, "USE").json());
        created(space.api().post("/api/v1/apps/" + lookup + "/library-imports",
                "{\"libraryQueryId\":\"" + library + "\",\"name\":\"campaign\"}"));
        saveDocument(lookup, """
                {"schemaVersion": 1,
                 "pages": [{"id": "home", "title": "Lookup", "components": [
                   {"id": "wantedName", "type": "textInput", "layout": {"x": 0, "y": 0, "w": 6, "h": 8},
                    "properties": {"label": "Campaign", "value": "Autumn"}},
                   {"id": "find", "type": "button", "layout": {"x": 6, "y": 0, "w": 3, "h": 5},
                    "properties": {"text": "Find"},
                    "events": [{"event": "click", "actions": [{"type": "runQuery", "query": "campaign"}]}]},
                   {"id": "found", "type": "text", "layout": {"x": 0, "y": 8, "w": 12, "h": 4},
                    "properties": {"value": "Found: {{ (campaign.data || []).map(r => r.name + ' ' + r.budget).join(', ') }}"}}
                 ]}],
                 "queries": [{"name": "campaign", "parameters": {"wanted": "{{ wantedName.value }}"}}]}
                """);

        var page = signIn(engineer);
        page.navigate("/run/" + lookup);
        var frame = frame(page);
        frame.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Find")).click();
        assertThat(cell(frame, "found")).hasText("Found: Autumn 1200");
        frame.getByLabel("Campaign").fill("Spring");
        frame.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Find")).click();
        assertThat(cell(frame, "found")).hasText("Found: Spring 800");
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
        var context = Browsers.shared().newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + port));
        contexts.add(context);
        var page = context.newPage();
        Browsers.signIn(page, person.email(), TestSpaces.PASSWORD);
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
