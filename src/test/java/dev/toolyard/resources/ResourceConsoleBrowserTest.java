package dev.toolyard.resources;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;

import dev.toolyard.testing.Browsers;
import dev.toolyard.testing.ChromiumAvailable;
import dev.toolyard.testing.TestPostgres;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;

/**
 * A resource's page in Chromium: the configuration form of an environment, "Test connection"
 * answered in place by htmx (under the console's CSP), and saving with the secret kept.
 */
@ToolyardTest
@ExtendWith(ChromiumAvailable.class)
class ResourceConsoleBrowserTest {

    @LocalServerPort
    int port;

    private BrowserContext context;
    private Page page;
    private final List<String> consoleErrors = new ArrayList<>();

    @BeforeAll
    static void browser() {
        Browsers.shared();
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @BeforeEach
    void openPage() {
        context = Browsers.shared().newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + port));
        page = context.newPage();
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                consoleErrors.add(message.location() + ": " + message.text());
            }
        });
        page.onPageError(error -> consoleErrors.add(page.url() + ": uncaught " + error));
    }

    @AfterEach
    void noConsoleErrors() {
        try {
            page.evaluate("() => true");
            Assertions.assertThat(consoleErrors).as("console errors and CSP violations").isEmpty();
        } finally {
            context.close();
        }
    }

    @Test
    void testConnectionAnswersInPlaceAndSavingKeepsTheSecretHidden() {
        TestSpace space = TestSpaces.create(port, "Browser resources");
        String resource = space.resource("Warehouse", null);
        var database = TestPostgres.createDatabase();
        String password = "pw-" + UUID.randomUUID();
        Browsers.signIn(page, space.admin().email(), TestSpaces.PASSWORD);
        page.navigate("/resources/" + resource);
        page.waitForLoadState();
        var staging = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Configuration for staging"));

        staging.getByLabel("Host").fill(database.host());
        staging.getByLabel("Port").fill("1");
        staging.getByLabel("Database").fill(database.name());
        staging.getByLabel("User").fill(database.user());
        staging.getByLabel("Password", new Locator.GetByLabelOptions().setExact(true)).fill(password);
        staging.getByLabel("TLS").selectOption("disable");
        staging.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Test connection")).click();
        var answer = page.locator("#test-staging");
        assertThat(answer).containsText("source.unreachable");

        staging.getByLabel("Port").fill(Integer.toString(database.port()));
        staging.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Test connection")).click();
        assertThat(answer).containsText("Connected in");

        staging.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
        assertThat(page.locator("p.notice")).hasText("Configuration for 'staging' saved.");
        Assertions.assertThat(page.content()).doesNotContain(password);
        assertThat(page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Configuration for staging"))
                .getByLabel("Password", new Locator.GetByLabelOptions().setExact(true)))
                .hasAttribute("placeholder", "stored; leave empty to keep");
    }
}
