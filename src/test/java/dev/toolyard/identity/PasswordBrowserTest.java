package dev.toolyard.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
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

/** T-ID1 in Chromium: "Forgot your password?" from the sign-in page to signing in anew, then a change. */
@ToolyardTest
@ExtendWith(ChromiumAvailable.class)
@TestPropertySource(properties = { "spring.mail.host=localhost", "spring.mail.port=3025",
        "toolyard.invitations.mail-from=toolyard@example.com" })
class PasswordBrowserTest {

    private static final Pattern HOME = Pattern.compile("^https?://[^/]+/$");

    @RegisterExtension
    static final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP);

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    private BrowserContext context;

    @BeforeEach
    void browser() {
        // Reset requests come from 127.0.0.1 like every other test's: start after theirs aged out.
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        context = Browsers.shared().newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + port));
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void someoneWhoForgotTheirPasswordResetsItFromTheSignInPageAndLaterChangesIt() throws Exception {
        var admin = new ApiClient(port, Admin.token(port, "users:read", "users:write"));
        var person = TestUsers.enabledUser("forgot").create(port, admin);
        Page page = context.newPage();

        page.navigate("/login");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Forgot your password?")).click();
        page.getByLabel("E-mail").fill(person.email());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send reset link")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("If an account exists for that address");

        page.navigate(resetLink(person.email()));
        page.getByLabel("New password").fill("a sentence nobody else knows");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set new password")).click();
        assertThat(page).hasURL(Pattern.compile("/login\\?passwordReset$"));
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Your password is changed.");
        Browsers.signIn(page, person.email(), "a sentence nobody else knows");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Change password")).click();
        page.getByLabel("Current password").fill("a sentence nobody else knows");
        page.getByLabel("New password").fill("yet another sentence of mine");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Your password is changed.");
        page.navigate("/");
        assertThat(page).hasURL(HOME);
    }

    private String resetLink(String email) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            for (var message : mail.getReceivedMessages()) {
                var matcher = PasswordTest.RESET_LINK.matcher(GreenMailUtil.getBody(message));
                if (GreenMailUtil.getAddressList(message.getAllRecipients()).contains(email) && matcher.find()) {
                    return matcher.group(1);
                }
            }
            mail.waitForIncomingEmail(200, mail.getReceivedMessages().length + 1);
        }
        throw new AssertionError("no reset e-mail to " + email);
    }
}
