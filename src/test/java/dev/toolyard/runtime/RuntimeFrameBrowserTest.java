package dev.toolyard.runtime;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Path;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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

import dev.toolyard.testing.AppFrames;
import dev.toolyard.testing.Browsers;
import dev.toolyard.testing.ChromiumAvailable;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;

/**
 * The frame runtime on its own (T-AP3): the app's frame opened directly and handed a document the
 * server would refuse to store (an expression cycle), the way the shell hands it a bundle. Shows
 * that a cycle is reported on what it involves while the rest of the page works, and that a change
 * recomputes only what reads it.
 */
@ToolyardTest
@ExtendWith(ChromiumAvailable.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuntimeFrameBrowserTest {

    private static final String DOCUMENT = """
            {"schemaVersion": 1,
             "pages": [{"id": "home", "title": "Home", "components": [
               {"id": "greeting", "type": "text", "layout": {"x": 0, "y": 0, "w": 6, "h": 4},
                "properties": {"value": "Hello {{ current_user.firstName }}, count {{ counter }}"}},
               {"id": "email", "type": "text", "layout": {"x": 6, "y": 0, "w": 6, "h": 4},
                "properties": {"value": "{{ current_user.email }}"}},
               {"id": "doubled", "type": "text", "layout": {"x": 0, "y": 4, "w": 6, "h": 4},
                "properties": {"value": "{{ double }}", "size": "heading"}},
               {"id": "bump", "type": "button", "layout": {"x": 6, "y": 4, "w": 3, "h": 5},
                "properties": {"text": "Add one"},
                "events": [{"event": "click", "actions": [{"type": "setState", "name": "counter", "value": "{{ counter + 1 }}"}]}]},
               {"id": "rename", "type": "button", "layout": {"x": 9, "y": 4, "w": 3, "h": 5},
                "properties": {"text": "Rename", "variant": "secondary"},
                "events": [{"event": "click", "actions": [
                  {"type": "setComponent", "id": "email", "property": "value", "value": "renamed at {{ counter }}"},
                  {"type": "setComponent", "id": "nobody", "property": "value", "value": "x"},
                  {"type": "setState", "name": "counter", "value": 10}]}]},
               {"id": "looping", "type": "text", "layout": {"x": 0, "y": 9, "w": 6, "h": 4},
                "properties": {"value": "{{ first }}"}},
               {"id": "box", "type": "container", "layout": {"x": 0, "y": 14, "w": 12, "h": 10},
                "properties": {"title": "Box"},
                "children": [{"id": "inner", "type": "text", "layout": {"x": 0, "y": 0, "w": 12, "h": 3},
                  "properties": {"value": "inside {{ page.title }}", "hidden": "{{ counter > 2 }}"}}]}
             ]}],
             "queries": [],
             "transformers": [{"name": "double", "body": "return counter * 2"},
                              {"name": "first", "body": "return second + 1"},
                              {"name": "second", "body": "return first + 1"}],
             "state": [{"name": "counter", "initial": 1}],
             "settings": {"theme": null}}
            """;

    @LocalServerPort
    int port;

    private TestSpace space;
    private String app;
    private BrowserContext context;
    private Page page;

    @BeforeAll
    void app() {
        Browsers.shared();
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        space = TestSpaces.create(port, "Frame");
        app = space.app("Fixture", null);
    }

    @BeforeEach
    void openFrame() {
        context = Browsers.shared().newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + port));
        page = context.newPage();
        Browsers.signIn(page, space.admin().email(), TestSpaces.PASSWORD);
        page.navigate("/run/" + app + "/frame");
        String bundle = "{\"app\":{\"id\":\"" + app + "\",\"name\":\"Fixture\"},\"release\":null,\"document\":" + DOCUMENT
                + ",\"queries\":[],\"currentUser\":{\"id\":\"u\",\"email\":\"ada@example.com\",\"firstName\":\"Ada\","
                + "\"lastName\":\"Lovelace\",\"fullName\":\"Ada Lovelace\",\"groups\":[],\"attributes\":{},\"claims\":{}}}";
        AppFrames.init(page, bundle);
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void aChangeRecomputesOnlyWhatReadsIt() {
        assertThat(cell("greeting")).hasText("Hello Ada, count 1");
        assertThat(cell("doubled")).hasText("2");
        String emailEvaluations = cell("email").getAttribute("data-evaluations");
        String greetingEvaluations = cell("greeting").getAttribute("data-evaluations");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add one")).click();

        assertThat(cell("greeting")).hasText("Hello Ada, count 2");
        assertThat(cell("doubled")).hasText("4");
        assertThat(cell("greeting")).hasAttribute("data-evaluations",
                String.valueOf(Integer.parseInt(greetingEvaluations) + 1));
        assertThat(cell("email")).hasAttribute("data-evaluations", emailEvaluations);
        assertThat(cell("inner")).hasText("inside Home");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add one")).click();
        assertThat(cell("inner")).isHidden();
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/runtime-frame-recompute.png")));
    }

    @Test
    void aCycleIsReportedOnWhatItInvolvesAndTheRestWorks() {
        var marker = cell("looping").locator(".ty-error");
        assertThat(marker).isVisible();
        assertThat(marker).containsText("Cycle: first → second → first");
        assertThat(cell("greeting")).hasText("Hello Ada, count 1");
        Assertions.assertThat(cell("greeting").locator(".ty-error").isVisible()).isFalse();
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/runtime-frame-cycle.png")));
    }

    @Test
    void setComponentOverridesAPropertyAndAFailingActionStopsItsList() {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Rename")).click();

        assertThat(cell("email")).hasText("renamed at 1");
        // The second action names no component: it fails, and the third does not run.
        assertThat(cell("greeting")).hasText("Hello Ada, count 1");
    }

    private Locator cell(String id) {
        return page.locator("[data-component='" + id + "']");
    }
}
