package dev.toolyard.runtime.components;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

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

/**
 * Modules in the browser (T-M1): a module with an input, an output, an event and a query,
 * embedded unpinned in two apps. A change to the module shows in both at their next load; an app
 * that pinned a release keeps it while the other follows the module's new release. The module's
 * input follows an app input, its output is read by an app text, its event runs an app action, its
 * query runs through the shell; a user without Use on the module sees why it is missing.
 */
@ToolyardTest
@ExtendWith(ChromiumAvailable.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModulesBrowserTest {

    @LocalServerPort
    int port;

    private TestSpace space;
    private ApiClient admin;
    private TestSpaces.Person member;
    private TestSpaces.Person outsider;
    private String staff;
    private String module;
    private String resource;
    private final List<BrowserContext> contexts = new ArrayList<>();

    @BeforeAll
    void space() {
        Browsers.shared();
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        space = TestSpaces.create(port, "Modules in the browser");
        admin = space.api();
        member = space.enabledUser("module-member");
        outsider = space.enabledUser("module-outsider");
        staff = space.group("Staff");
        space.addMember(staff, member.id());
        space.addMember(staff, outsider.id());

        var database = TestPostgres.createDatabase();
        TestPostgres.run(database, "create table words (word text)", "insert into words values ('hi')");
        resource = space.resource("Words DB", null);
        var configured = admin.send("PUT", "/api/v1/resources/" + resource + "/configurations/production",
                "{\"host\":\"" + database.host() + "\",\"port\":" + database.port() + ",\"database\":\""
                        + database.name() + "\",\"user\":\"" + database.user()
                        + "\",\"password\":\"unused\",\"tlsMode\":\"disable\",\"poolSize\":2}");
        Assertions.assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        module = created(admin.post("/api/v1/apps", "{\"name\":\"" + TestSpaces.unique("Greeter") + "\",\"kind\":\"module\"}"));
        created(admin.post("/api/v1/apps/" + module + "/queries", "{\"name\":\"word\",\"resourceId\":\"" + resource
                + "\",\"fields\":[{\"name\":\"sql\",\"template\":\"select word from words\"}]}"));
    }

    @AfterEach
    void close() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    @Test
    @Exercises(type = "module", properties = {"module", "version", "inputs"})
    void aModuleChangeShowsInEveryEmbeddingAppUnlessItPinnedARelease() {
        save(module, moduleDocument("v1"));
        String first = space.app("First", null);
        String second = space.app("Second", null);
        save(first, appDocument(null));
        save(second, appDocument(null));
        space.saveAccess(staff, AccessJson.access().app(first, "USE").app(second, "USE").app(module, "USE").json());

        var page = signIn(member);
        page.navigate("/run/" + first);
        assertThat(moduleLabel(frame(page))).hasText("Greeter v1 for Ada: hi");
        page.navigate("/run/" + second);
        assertThat(moduleLabel(frame(page))).hasText("Greeter v1 for Ada: hi");

        save(module, moduleDocument("v2"));
        page.navigate("/run/" + first);
        // The module's draft is live before its first release.
        assertThat(moduleLabel(frame(page))).hasText("Greeter v2 for Ada: hi");
        page.navigate("/run/" + second);
        assertThat(moduleLabel(frame(page))).hasText("Greeter v2 for Ada: hi");

        release(module, "major");
        save(first, appDocument("1.0.0"));
        save(module, moduleDocument("v3"));
        release(module, "minor");

        page.navigate("/run/" + second);
        // Unpinned: the module's live release, 1.1.0; pinned: 1.0.0.
        assertThat(moduleLabel(frame(page))).hasText("Greeter v3 for Ada: hi");
        page.navigate("/run/" + first);
        assertThat(moduleLabel(frame(page))).hasText("Greeter v2 for Ada: hi");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/module-pinned.png")));
    }

    @Test
    void theModulesInputOutputAndEventConnectItToTheApp() {
        String module = created(admin.post("/api/v1/apps", "{\"name\":\"" + TestSpaces.unique("Wired") + "\",\"kind\":\"module\"}"));
        created(admin.post("/api/v1/apps/" + module + "/queries", "{\"name\":\"word\",\"resourceId\":\"" + resource
                + "\",\"fields\":[{\"name\":\"sql\",\"template\":\"select word from words\"}]}"));
        save(module, moduleDocument("wired"));
        String app = space.app("Wiring", null);
        save(app, appDocument(null).replace(this.module, module));
        space.saveAccess(staff, AccessJson.access().app(app, "USE").app(module, "USE").json());

        var page = signIn(member);
        page.navigate("/run/" + app);
        var frame = frame(page);
        assertThat(moduleLabel(frame)).hasText("Greeter wired for Ada: hi");
        assertThat(cell(frame, "echo")).hasText("Output: ADA!");

        frame.getByLabel("Name").fill("Grace");
        assertThat(moduleLabel(frame)).hasText("Greeter wired for Grace: hi");
        assertThat(cell(frame, "echo")).hasText("Output: GRACE!");

        assertThat(cell(frame, "picks")).hasText("Picked 0");
        frame.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Pick")).click();
        assertThat(cell(frame, "picks")).hasText("Picked 1 (GRACE!)");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/module-wired.png")));
    }

    @Test
    void aUserWithoutUseOnTheModuleSeesWhyItIsMissingAndTheRestOfTheAppWorks() {
        save(module, moduleDocument("private"));
        String app = space.app("Shared", null);
        save(app, appDocument(null));
        space.saveAccess(staff, AccessJson.access().app(app, "USE").json());

        var page = signIn(outsider);
        page.navigate("/run/" + app);
        var frame = frame(page);
        assertThat(cell(frame, "embedded")).hasText("You don't have access to this module");
        assertThat(cell(frame, "picks")).hasText("Picked 0");

        // The shell runs no query of a module the bundle does not hold.
        var appFrame = page.frames().stream().filter(f -> f.url().endsWith("/frame")).findFirst().orElseThrow();
        Object answer = appFrame.evaluate("([key]) => new Promise(resolve => {"
                + " addEventListener('message', e => { if (e.data.id === 4343) resolve(e.data.body.code); });"
                + " parent.postMessage({type: 'runQuery', id: 4343, name: 'word', module: key, values: {}, state: {}}, '*'); })",
                List.of(module + "@live"));
        Assertions.assertThat(answer).isEqualTo("runtime.query_unknown");
    }

    private String moduleDocument(String label) {
        return """
                {"schemaVersion": 1, "pages": [{"id": "home", "title": "Greeter", "components": [
                  {"id": "label", "type": "text", "layout": {"x": 0, "y": 0, "w": 8, "h": 4},
                   "properties": {"value": "Greeter %s for {{ who }}: {{ word.data ? word.data[0].word : '' }}"}},
                  {"id": "pick", "type": "button", "layout": {"x": 8, "y": 0, "w": 4, "h": 5},
                   "properties": {"text": "Pick"},
                   "events": [{"event": "click", "actions": [{"type": "moduleEvent", "event": "picked"}]}]}]}],
                 "queries": [{"name": "word", "runOnPageLoad": true}],
                 "module": {"inputs": [{"name": "who", "type": "string", "default": "nobody"}],
                            "outputs": [{"name": "shout", "value": "{{ who.toUpperCase() + '!' }}"}],
                            "events": [{"name": "picked"}]}}
                """.formatted(label);
    }

    private String appDocument(String version) {
        return """
                {"schemaVersion": 1, "pages": [{"id": "home", "title": "Home", "components": [
                  {"id": "name", "type": "textInput", "layout": {"x": 0, "y": 0, "w": 6, "h": 8},
                   "properties": {"label": "Name", "value": "Ada"}},
                  {"id": "embedded", "type": "module", "layout": {"x": 0, "y": 8, "w": 12, "h": 12},
                   "properties": {"module": "%s", "version": %s, "inputs": {"who": "{{ name.value }}"}},
                   "events": [{"event": "picked", "actions": [
                     {"type": "setState", "name": "picked", "value": "{{ picked + 1 }}"}]}]},
                  {"id": "echo", "type": "text", "layout": {"x": 0, "y": 20, "w": 6, "h": 4},
                   "properties": {"value": "Output: {{ embedded.shout }}"}},
                  {"id": "picks", "type": "text", "layout": {"x": 6, "y": 20, "w": 6, "h": 4},
                   "properties": {"value": "Picked {{ picked }}{{ picked ? ' (' + embedded.shout + ')' : '' }}"}}]}],
                 "state": [{"name": "picked", "initial": 0}]}
                """.formatted(module, version == null ? "null" : "\"" + version + "\"");
    }

    private void save(String app, String document) {
        int version = admin.get("/api/v1/apps/" + app + "/document").json().get("version").asInt();
        var saved = admin.send("PUT", "/api/v1/apps/" + app + "/document", "{\"version\":" + version
                + ",\"document\":" + document + "}");
        Assertions.assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    private void release(String app, String bump) {
        var published = admin.post("/api/v1/apps/" + app + "/releases", "{\"bump\":\"" + bump + "\"}");
        Assertions.assertThat(published.status()).as(published.body()).isEqualTo(201);
    }

    private Page signIn(TestSpaces.Person person) {
        var context = Browsers.shared().newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + port));
        contexts.add(context);
        var page = context.newPage();
        Browsers.signIn(page, person.email(), TestSpaces.PASSWORD);
        return page;
    }

    private static String created(ApiClient.Response response) {
        Assertions.assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private static FrameLocator frame(Page page) {
        return page.frameLocator("iframe.app-frame");
    }

    private static Locator moduleLabel(FrameLocator frame) {
        return frame.locator("[data-component='embedded'] [data-component='label'] .ty-body");
    }

    private static Locator cell(FrameLocator frame, String id) {
        return frame.locator("[data-component='" + id + "'] > .ty-body");
    }
}
