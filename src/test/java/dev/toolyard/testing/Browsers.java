package dev.toolyard.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;

/**
 * One headless Chromium for the whole test run, driven by Playwright: starting Playwright and the
 * browser costs seconds, a new context per test costs milliseconds. Uses the machine's Debian
 * Chromium, never a downloaded one; test classes guard themselves with {@link ChromiumAvailable}.
 */
public final class Browsers {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final String REQUIRE_VARIABLE = "TOOLYARD_REQUIRE_BROWSER";

    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");

    private static Playwright playwright;
    private static Browser browser;
    private static final Pattern HOME = Pattern.compile("^https?://[^/]+/$");

    private Browsers() {
    }

    /** The run's browser, started on first use and closed when the JVM exits. */
    public static synchronized Browser shared() {
        requireChromium();
        if (browser == null) {
            playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            try {
                browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(ARGS));
            } catch (RuntimeException e) {
                playwright.close();
                playwright = null;
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(Browsers::close, "close-browser"));
        }
        return browser;
    }

    /** Signs in through the console's form and waits for the home page the console lands on. */
    public static void signIn(Page page, String email, String password) {
        page.navigate("/login");
        page.getByLabel("E-mail").fill(email);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        PlaywrightAssertions.assertThat(page).hasURL(HOME);
    }

    /** Skips the calling test when Chromium is missing, or fails it when the environment requires a browser. */
    public static void requireChromium() {
        missingChromium().ifPresent(reason -> {
            if (browserRequired()) {
                Assertions.fail(reason + " (" + REQUIRE_VARIABLE + "=1 requires it)");
            }
            Assumptions.abort(reason + "; skipping (set " + REQUIRE_VARIABLE + "=1 to fail instead)");
        });
    }

    /** Why browser tests cannot run here, if they cannot. */
    public static Optional<String> missingChromium() {
        return Files.isExecutable(CHROMIUM) ? Optional.empty()
                : Optional.of(CHROMIUM + " is missing: install Debian's chromium package to run the browser tests");
    }

    public static boolean browserRequired() {
        return "1".equals(System.getenv(REQUIRE_VARIABLE));
    }

    private static synchronized void close() {
        if (browser != null) {
            browser.close();
            playwright.close();
            browser = null;
            playwright = null;
        }
    }
}
