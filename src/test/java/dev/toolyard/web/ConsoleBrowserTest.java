package dev.toolyard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;

import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.Browsers;
import dev.toolyard.testing.ChromiumAvailable;
import dev.toolyard.testing.ToolyardTest;

/**
 * The console in a real Chromium: sign-in, the Spaces page (htmx-boosted, with a confirm dialog),
 * API tokens (T-API2), sign-out and the security headers (T-SEC3). Every test also fails if a
 * page logs a console error, which is where Chromium reports Content-Security-Policy violations.
 */
@ToolyardTest
@ExtendWith(ChromiumAvailable.class)
class ConsoleBrowserTest {

    @LocalServerPort
    int port;

    private BrowserContext context;
    private Page page;
    private final List<String> consoleErrors = new ArrayList<>();

    @BeforeAll
    static void browser() {
        Browsers.shared();
        // Other builds may share this two-core machine: give a page time before calling it wrong.
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @BeforeEach
    void openPage() {
        context = Browsers.shared().newContext(new Browser.NewContextOptions().setBaseURL(baseUrl()));
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
            // A round trip delivers console events the browser sent after the test's last action.
            page.evaluate("() => true");
            Assertions.assertThat(consoleErrors).as("console errors and CSP violations").isEmpty();
        } finally {
            context.close();
        }
    }

    @Test
    void adminSignsInAndSeesTheirEmailSpaceAndNavigation() {
        signInAsAdmin();

        var header = page.locator("header.frame");
        assertThat(header.locator(".user")).hasText(ToolyardTest.ADMIN_EMAIL);
        // The header names the current space whether or not the switcher is shown beside it.
        assertThat(header.locator(".space")).hasText("Admin");
        var nav = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"));
        assertThat(nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Spaces"))).isVisible();
        assertThat(nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("API tokens"))).isVisible();
    }

    @Test
    void wrongPasswordShowsAnErrorAndStaysOnTheSignInPage() {
        signIn(ToolyardTest.ADMIN_EMAIL, "not the password at all");

        assertThat(page).hasURL(Pattern.compile("/login\\?error"));
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("Wrong e-mail or password.");
        assertThat(page.getByRole(AriaRole.HEADING)).hasText("Sign in to Toolyard");
        assertThat(page.locator("header.frame .who")).hasCount(0);
    }

    @Test
    void adminCreatesRenamesAndDeletesASpace() {
        signInAsAdmin();
        page.navigate("/spaces");
        String name = "Browser " + unique();
        String renamed = "Renamed " + unique();

        page.getByLabel("New space").fill(name);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create space")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Space '" + name + "' created.");
        assertThat(spaceRow(name)).isVisible();

        spaceRow(name).getByLabel("New name").fill(renamed);
        spaceRow(name).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Rename")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Space renamed to '" + renamed + "'.");
        assertThat(spaceRow(renamed)).isVisible();
        assertThat(spaceRow(name)).hasCount(0);

        var dialogs = new ArrayList<String>();
        page.onDialog(dialog -> dialogs.add(dialog.message()));
        page.onDialog(Dialog::accept);
        spaceRow(renamed).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Space '" + renamed + "' deleted.");
        assertThat(spaceRow(renamed)).hasCount(0);
        Assertions.assertThat(dialogs).as("htmx asked for confirmation (hx-confirm)")
                .containsExactly("Delete the space '" + renamed + "' and everything in it? This cannot be undone.");
        assertThat(spaceRow("Admin")).isVisible();
    }

    @Test
    void tokenSecretIsShownOnceWorksAndStopsWorkingWhenRevoked() {
        signInAsAdmin();
        page.navigate("/settings/tokens");
        String name = "Browser token " + unique();

        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(name);
        page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("spaces:read")).check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();
        var secretField = page.getByLabel("New token");
        assertThat(secretField).hasValue(Pattern.compile("^tyd_\\S{20,}$"));
        String secret = secretField.inputValue();

        // Coming back to the page (a GET, not the form's POST again) must not show the secret anymore.
        page.navigate("/settings/tokens");
        assertThat(tokenRow(name)).isVisible();
        assertThat(tokenRow(name)).containsText("spaces:read");
        assertThat(tokenRow(name)).containsText("active");
        assertThat(page.getByLabel("New token")).hasCount(0);
        Assertions.assertThat(page.content()).doesNotContain(secret);

        var api = new ApiClient(port, secret);
        var me = api.get("/api/v1/me");
        Assertions.assertThat(me.status()).as(me.body()).isEqualTo(200);
        Assertions.assertThat(me.json().get("email").asString()).isEqualTo(ToolyardTest.ADMIN_EMAIL);
        Assertions.assertThat(me.json().get("authenticatedBy").asString()).isEqualTo("token");

        tokenRow(name).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Token '" + name + "' revoked.");
        assertThat(tokenRow(name)).containsText("revoked");

        var refused = api.get("/api/v1/me");
        Assertions.assertThat(refused.status()).as(refused.body()).isEqualTo(401);
        Assertions.assertThat(refused.json().get("code").asString()).isEqualTo("auth.token_invalid");
    }

    @Test
    void signOutLeadsToTheSignInPageAndHomeThenRequiresSignIn() {
        signInAsAdmin();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        assertThat(page).hasURL(baseUrl() + "/login?signedOut");
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("You are signed out.");

        page.navigate("/");
        assertThat(page).hasURL(baseUrl() + "/login");
        assertThat(page.getByRole(AriaRole.HEADING)).hasText("Sign in to Toolyard");
    }

    /** T-SEC3. */
    @Test
    void consoleSendsAStrictContentSecurityPolicyAndForbidsFraming() {
        assertStrictHeaders(page.navigate("/login"));
        signInAsAdmin();
        for (String path : List.of("/", "/spaces", "/settings/tokens")) {
            assertStrictHeaders(page.navigate(path));
        }

        page.evaluate("() => true");
        Assertions.assertThat(consoleErrors).as("console errors before provoking refusals").isEmpty();

        // The browser enforces it: an inline script is refused, and no page may frame the console.
        page.waitForConsoleMessage(new Page.WaitForConsoleMessageOptions()
                .setPredicate(message -> message.text().contains("Content Security Policy")), () -> page.evaluate("""
                        () => {
                          const script = document.createElement('script');
                          script.textContent = 'window.inlineScriptRan = true';
                          document.head.append(script);
                        }"""));
        Assertions.assertThat(page.evaluate("() => window.inlineScriptRan === true")).isEqualTo(false);

        page.waitForConsoleMessage(new Page.WaitForConsoleMessageOptions()
                .setPredicate(message -> message.text().contains("frame-ancestors")),
                () -> page.setContent("<iframe src=\"" + baseUrl() + "/login\"></iframe>"));

        // Both refusals were provoked on purpose; anything else logged is still an error.
        consoleErrors.removeIf(error -> error.contains("Content Security Policy"));
    }

    @Test
    void consolePagesRaiseNoConsoleErrorsOrCspViolations() {
        page.navigate("/login?signedOut");
        signIn(ToolyardTest.ADMIN_EMAIL, "not the password at all");
        assertThat(page.getByRole(AriaRole.ALERT)).isVisible();
        signInAsAdmin();

        page.navigate("/spaces");
        Assertions.assertThat(page.evaluate("() => typeof window.htmx")).as("htmx loaded").isEqualTo("object");
        page.getByLabel("New space").fill("Quiet " + unique());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create space")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("created");
        page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName("API tokens")).click();
        assertThat(page).hasURL(baseUrl() + "/settings/tokens");
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Quiet " + unique());
        page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("tokens:read")).check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();
        assertThat(page.getByLabel("New token")).isVisible();
        page.navigate("/");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("You are signed out.");

        page.evaluate("() => true");
        Assertions.assertThat(consoleErrors).as("console errors and CSP violations").isEmpty();
    }

    private void signInAsAdmin() {
        signIn(ToolyardTest.ADMIN_EMAIL, ToolyardTest.ADMIN_PASSWORD);
        assertThat(page).hasURL(baseUrl() + "/");
    }

    private void signIn(String email, String password) {
        page.navigate("/login");
        page.getByLabel("E-mail").fill(email);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    }

    private Locator spaceRow(String name) {
        return page.locator("tr[data-space='" + name + "']");
    }

    private Locator tokenRow(String name) {
        return page.locator("tr[data-token='" + name + "']");
    }

    private static void assertStrictHeaders(Response response) {
        String policy = response.headerValue("content-security-policy");
        Assertions.assertThat(policy).as(response.url())
                .contains("frame-ancestors 'none'", "script-src 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        Assertions.assertThat(response.headerValue("x-frame-options")).as(response.url()).isEqualTo("DENY");
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
