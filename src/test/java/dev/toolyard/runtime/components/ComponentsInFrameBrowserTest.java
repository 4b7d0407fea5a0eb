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
 * The component library inside the real runtime and its sandboxed, opaque-origin frame (T-AP5,
 * T-SEC3): the chart's ECharts loads from /webjars as a CORS module, a table's selection and a
 * form's submit feed expressions through the runtime, an openModal action opens the modal, and
 * the frame logs no error (no CSP violation, no refused module).
 */
@ToolyardTest
@ExtendWith(ChromiumAvailable.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComponentsInFrameBrowserTest {

    private static final String DOCUMENT = """
            {"schemaVersion": 1,
             "pages": [{"id": "home", "title": "Home", "components": [
               {"id": "people", "type": "table", "layout": {"x": 0, "y": 0, "w": 8, "h": 30},
                "properties": {"data": "{{ employees }}", "pageSize": 5,
                  "columns": [{"key": "name", "label": "Name"}, {"key": "salary", "label": "Salary", "type": "currency", "currency": "EUR"}]}},
               {"id": "picked", "type": "text", "layout": {"x": 8, "y": 0, "w": 4, "h": 4},
                "properties": {"value": "Picked: {{ people.selectedRow ? people.selectedRow.name : 'nobody' }}"}},
               {"id": "order", "type": "form", "layout": {"x": 8, "y": 4, "w": 4, "h": 24},
                "properties": {"title": "Order", "submitText": "Send"},
                "events": [{"event": "submit", "actions": [{"type": "setState", "name": "sent", "value": "{{ event.customer }} x{{ event.amount }}"}]}],
                "children": [
                  {"id": "customer", "type": "textInput", "layout": {"x": 0, "y": 0, "w": 12, "h": 8}, "properties": {"label": "Customer", "required": true}},
                  {"id": "amount", "type": "numberInput", "layout": {"x": 0, "y": 8, "w": 12, "h": 8}, "properties": {"label": "Amount", "value": 2}}]},
               {"id": "sentText", "type": "text", "layout": {"x": 0, "y": 30, "w": 6, "h": 4},
                "properties": {"value": "Sent: {{ sent }}; form valid: {{ order.valid }}"}},
               {"id": "ask", "type": "button", "layout": {"x": 6, "y": 30, "w": 3, "h": 5}, "properties": {"text": "Ask"},
                "events": [{"event": "click", "actions": [{"type": "openModal", "id": "question"}]}]},
               {"id": "question", "type": "modal", "layout": {"x": 9, "y": 30, "w": 3, "h": 2}, "properties": {"title": "A question"},
                "children": [{"id": "questionText", "type": "text", "layout": {"x": 0, "y": 0, "w": 12, "h": 4},
                  "properties": {"value": "Modal open: {{ question.open }}"}}]},
               {"id": "salaries", "type": "chart", "layout": {"x": 0, "y": 36, "w": 12, "h": 30},
                "properties": {"data": "{{ employees }}", "x": "name", "y": ["salary"], "title": "Salaries"}}
             ]}],
             "queries": [],
             "transformers": [{"name": "employees", "body": "return [{name: 'Ada', salary: 5200}, {name: 'Bo', salary: 4100}, {name: 'Cy', salary: 6100}]"}],
             "state": [{"name": "sent", "initial": "nothing"}],
             "settings": {"theme": null}}
            """;

    @LocalServerPort
    int port;

    private TestSpace space;
    private String app;
    private BrowserContext context;
    private final List<String> consoleErrors = new ArrayList<>();

    @BeforeAll
    void app() {
        Browsers.shared();
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        space = TestSpaces.create(port, "Components");
        app = space.app("Components", null);
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void componentsWorkTogetherInTheSandboxedFrame() {
        Page page = openFrame();
        Locator people = cell(page, "people");
        assertThat(people.locator("tbody tr")).hasCount(3);
        assertThat(people.locator("tbody tr").first()).containsText("€5,200.00");
        people.getByText("Bo").click();
        assertThat(cell(page, "picked")).hasText("Picked: Bo");

        assertThat(cell(page, "sentText")).hasText("Sent: nothing; form valid: false");
        page.getByLabel("Customer").fill("Ada");
        assertThat(cell(page, "sentText")).hasText("Sent: nothing; form valid: true");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        assertThat(cell(page, "sentText")).hasText("Sent: Ada x2; form valid: true");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ask")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("A question"));
        assertThat(dialog).isVisible();
        assertThat(dialog).containsText("Modal open: true");

        assertThat(cell(page, "salaries").locator("canvas")).hasCount(1);
        assertThat(cell(page, "salaries").locator(".ty-chart-canvas")).hasAttribute("aria-label",
                "Bar chart \"Salaries\" of 3 points: Ada: salary 5200; Bo: salary 4100; Cy: salary 6100.");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/components-in-frame.png")).setFullPage(true));
        page.keyboard().press("Escape");
        assertThat(dialog).isHidden();

        page.evaluate("() => true");
        Assertions.assertThat(consoleErrors).as("console errors in the frame").isEmpty();
    }

    private Page openFrame() {
        context = Browsers.shared().newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + port)
                .setLocale("en-US").setViewportSize(1100, 1400));
        Page page = context.newPage();
        Browsers.signIn(page, space.admin().email(), TestSpaces.PASSWORD);
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                consoleErrors.add(message.location() + ": " + message.text());
            }
        });
        page.onPageError(error -> consoleErrors.add("uncaught " + error));
        page.navigate("/run/" + app + "/frame");
        String bundle = "{\"app\":{\"id\":\"" + app + "\",\"name\":\"Components\"},\"release\":null,\"document\":" + DOCUMENT
                + ",\"queries\":[],\"currentUser\":{\"id\":\"u\",\"email\":\"ada@example.com\",\"firstName\":\"Ada\","
                + "\"lastName\":\"Lovelace\",\"fullName\":\"Ada Lovelace\",\"groups\":[],\"attributes\":{},\"claims\":{}}}";
        AppFrames.init(page, bundle);
        return page;
    }

    private static Locator cell(Page page, String id) {
        return page.locator("[data-component='" + id + "']");
    }
}
