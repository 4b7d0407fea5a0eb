package dev.toolyard.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.toolyard.testing.Admin;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.Browsers;
import dev.toolyard.testing.ChromiumAvailable;
import dev.toolyard.testing.TestClock;
import dev.toolyard.testing.TestUsers;
import dev.toolyard.testing.ToolyardTest;

/** T-ID1 in Chromium: setting up an authenticator from the QR page, then signing in with password and code. */
@ToolyardTest
@ExtendWith(ChromiumAvailable.class)
class TwoFactorBrowserTest {

    private static final Pattern HOME = Pattern.compile("^https?://[^/]+/$");

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    private BrowserContext context;

    @BeforeEach
    void browser() {
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        context = Browsers.shared().newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + port));
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void aPersonSetsUpTwoFactorFromTheQrCodeAndThenSignsInWithACode() {
        var admin = new ApiClient(port, Admin.token(port, "users:read", "users:write"));
        var person = TestUsers.enabledUser("browser").create(port, admin);
        Page page = context.newPage();
        Browsers.signIn(page, person.email(), TestUsers.PASSWORD);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Two-factor")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set up two-factor")).click();
        var qr = page.getByAltText("QR code for your authenticator app");
        assertThat(qr).isVisible();
        // The image is a data URI the console's CSP allows: it has loaded, with a real size.
        org.assertj.core.api.Assertions.assertThat((Integer) qr.evaluate("img => img.naturalWidth")).isGreaterThan(100);
        String secret = page.getByLabel("Key for typing in").inputValue();
        page.getByLabel("Code from the app").fill(code(secret));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Turn on two-factor")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Two-factor sign-in is on");
        assertThat(page.locator(".recovery-codes li")).hasCount(10);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        page.navigate("/login");
        page.getByLabel("E-mail").fill(person.email());
        page.getByLabel("Password").fill(TestUsers.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page).hasURL(Pattern.compile("/login/two-factor$"));
        page.getByLabel("Code").fill("000000".equals(code(secret)) ? "111111" : "000000");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("That code is wrong");
        page.getByLabel("Code").fill(code(secret));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify")).click();
        assertThat(page).hasURL(HOME);
    }

    private String code(String secret) {
        return Totp.code(Base32.decode(secret), Totp.stepAt(clock.instant()), Totp.DIGITS);
    }
}
