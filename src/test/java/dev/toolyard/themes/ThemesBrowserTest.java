package dev.toolyard.themes;

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
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;

import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.Browsers;
import dev.toolyard.testing.ChromiumAvailable;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;

/**
 * T-TH1 in Chromium: an app wears its theme (a button's computed colour), a change to the theme
 * restyles it at its next load, an app on the space default changes when another theme becomes
 * the default, a dark theme sets the dark colour scheme, and the console's editor previews a
 * change before it is saved.
 */
@ToolyardTest
@ExtendWith(ChromiumAvailable.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThemesBrowserTest {

    @LocalServerPort
    int port;

    private TestSpace space;
    private String theme;
    private String themed;
    private String plain;
    private final List<BrowserContext> contexts = new ArrayList<>();

    @BeforeAll
    void apps() {
        Browsers.shared();
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        space = TestSpaces.create(port, "Styled");
        theme = created(space.api().post("/api/v1/themes", "{\"name\":\"Rust\",\"tokens\":{\"brand\":\"#aa3300\"}}"));
        themed = space.app("Themed", null);
        plain = space.app("Plain", null);
        saveDocument(themed, "\"" + theme + "\"");
        saveDocument(plain, "null");
    }

    @AfterEach
    void close() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    @Test
    void anAppWearsItsThemeAndAChangeToTheThemeRestylesItAtItsNextLoad() {
        var page = signIn();
        page.navigate("/run/" + themed);
        var frame = page.frameLocator("iframe.app-frame");
        assertThat(button(frame)).hasCSS("background-color", "rgb(170, 51, 0)");
        assertThat(frame.locator("[data-component='scope'] .ty-body")).hasText("Rust light #aa3300 8");

        var changed = space.api().patch("/api/v1/themes/" + theme, "{\"tokens\":{\"brand\":\"#0055aa\"}}");
        Assertions.assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        page.reload();

        frame = page.frameLocator("iframe.app-frame");
        assertThat(button(frame)).hasCSS("background-color", "rgb(0, 85, 170)");
        assertThat(frame.locator("[data-component='scope'] .ty-body")).hasText("Rust light #0055aa 8");
    }

    @Test
    void anAppOnTheSpaceDefaultChangesWhenAnotherThemeBecomesTheDefaultAndDarkModeIsDark() {
        var page = signIn();
        page.navigate("/run/" + plain);
        var frame = page.frameLocator("iframe.app-frame");
        assertThat(button(frame)).hasCSS("background-color", "rgb(47, 91, 211)");
        assertThat(frame.locator("html")).hasCSS("color-scheme", "light");
        String previous = defaultTheme();

        String night = created(space.api().post("/api/v1/themes",
                "{\"name\":\"Night\",\"mode\":\"dark\",\"tokens\":{\"brand\":\"#7a1fa2\"}}"));
        try {
            Assertions.assertThat(space.api().post("/api/v1/themes/" + night + "/default", null).status())
                    .isEqualTo(200);
            page.reload();

            frame = page.frameLocator("iframe.app-frame");
            assertThat(button(frame)).hasCSS("background-color", "rgb(122, 31, 162)");
            assertThat(frame.locator("html")).hasCSS("color-scheme", "dark");
            // The dark theme's background and text, not the light defaults.
            assertThat(frame.locator("html")).hasCSS("background-color", "rgb(18, 21, 28)");
            assertThat(frame.locator("[data-component='scope'] .ty-body")).hasCSS("color", "rgb(230, 233, 239)");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/themes-dark-app.png")));
        } finally {
            space.api().post("/api/v1/themes/" + previous + "/default", null);
        }
    }

    @Test
    void theEditorPreviewsAChangeBeforeItIsSavedAndSavesIt() {
        String moss = created(space.api().post("/api/v1/themes", "{\"name\":\"Moss\",\"tokens\":{\"brand\":\"#556b2f\"}}"));
        var page = signIn();
        page.navigate("/themes");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Moss")).click();
        var preview = page.locator("[data-theme-preview] .ty-button").first();
        assertThat(preview).hasCSS("background-color", "rgb(85, 107, 47)");

        page.getByLabel("Brand").fill("#118844");
        assertThat(preview).hasCSS("background-color", "rgb(17, 136, 68)");
        page.getByLabel("Corner radius (px)").fill("14");
        assertThat(preview).hasCSS("border-top-left-radius", "14px");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/themes-editor.png"))
                .setFullPage(true));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save theme")).click();

        assertThat(page.getByRole(AriaRole.STATUS)).containsText("saved");
        var saved = space.api().get("/api/v1/themes/" + moss).json().get("tokens");
        Assertions.assertThat(saved.get("brand").asString()).isEqualTo("#118844");
        Assertions.assertThat(saved.get("radius").asInt()).isEqualTo(14);
    }

    private String defaultTheme() {
        for (var candidate : space.api().get("/api/v1/themes").json()) {
            if (candidate.get("default").asBoolean()) {
                return candidate.get("id").asString();
            }
        }
        throw new AssertionError("no default theme");
    }

    private Page signIn() {
        var context = Browsers.shared().newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + port));
        contexts.add(context);
        var page = context.newPage();
        Browsers.signIn(page, space.admin().email(), TestSpaces.PASSWORD);
        return page;
    }

    private void saveDocument(String app, String themeId) {
        var api = space.api();
        int version = api.get("/api/v1/apps/" + app + "/document").json().get("version").asInt();
        var saved = api.send("PUT", "/api/v1/apps/" + app + "/document", "{\"version\":" + version + ",\"document\":"
                + """
                {"schemaVersion": 1,
                 "pages": [{"id": "home", "title": "Home", "components": [
                   {"id": "save", "type": "button", "layout": {"x": 0, "y": 0, "w": 3, "h": 5},
                    "properties": {"text": "Save"}},
                   {"id": "scope", "type": "text", "layout": {"x": 3, "y": 0, "w": 9, "h": 4},
                    "properties": {"value": "{{ theme.name }} {{ theme.mode }} {{ theme.brand }} {{ theme.spacing }}"}}
                 ]}],
                 "settings": {"theme": """ + themeId + "}}}");
        Assertions.assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    private static com.microsoft.playwright.Locator button(FrameLocator frame) {
        return frame.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Save"));
    }

    private static String created(ApiClient.Response response) {
        Assertions.assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }
}
