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
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.SelectOption;

import dev.toolyard.testing.Admin;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.Browsers;
import dev.toolyard.testing.ChromiumAvailable;
import dev.toolyard.testing.TestUsers;
import dev.toolyard.testing.ToolyardTest;

/**
 * The groups, apps and resources pages and the user access tab in a real Chromium: the access
 * editor is a draft that warns before it is left unsaved (T-G5), saving does not warn and takes
 * effect, and no page logs a console error or Content-Security-Policy violation (T-SEC3).
 */
@ToolyardTest
@ExtendWith(ChromiumAvailable.class)
class AccessConsoleBrowserTest {

    @LocalServerPort
    int port;

    private BrowserContext context;
    private Page page;
    private ApiClient api;
    private final List<String> consoleErrors = new ArrayList<>();

    @BeforeAll
    static void browser() {
        Browsers.shared();
        // Other builds may share this two-core machine: give a page time before calling it wrong.
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @BeforeEach
    void openPage() {
        api = new ApiClient(port, Admin.token(port, "users:write", "groups:read", "groups:write", "apps:read",
                "apps:write", "resources:read", "resources:write"));
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
            page.evaluate("() => true");
            Assertions.assertThat(consoleErrors).as("console errors and CSP violations").isEmpty();
        } finally {
            context.close();
        }
    }

    /** T-G5. */
    @Test
    void leavingTheAccessEditorWithUnsavedChangesWarnsAndSavingDoesNotAndTakesEffect() {
        String folderName = "Browser folder " + unique();
        String folder = created(api.post("/api/v1/folders", "{\"name\":\"" + folderName + "\"}"));
        String appName = "Browser app " + unique();
        String app = created(api.post("/api/v1/apps", "{\"name\":\"" + appName + "\",\"folderId\":\"" + folder + "\"}"));
        String groupName = "Browser group " + unique();
        String group = created(api.post("/api/v1/groups", "{\"name\":\"" + groupName + "\"}"));
        signInAsAdmin();
        String editor = baseUrl() + "/groups/" + group + "/access";
        page.navigate(editor);
        var dialogs = new ArrayList<String>();
        page.onDialog(dialog -> {
            dialogs.add(dialog.type());
            dialog.dismiss();
        });
        var unsaved = page.locator("[data-unsaved-status]");
        assertThat(unsaved).isHidden();

        page.getByLabel("Level on the app " + appName).selectOption("EDIT");
        page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("Query library")).check();
        assertThat(unsaved).isVisible();
        mainNavigation().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Home")).click();

        page.waitForCondition(() -> !dialogs.isEmpty());
        Assertions.assertThat(dialogs).as("the browser asked before leaving unsaved changes").containsExactly("beforeunload");
        // Staying was chosen: the draft is still there, unsaved.
        assertThat(page).hasURL(editor);
        assertThat(page.getByLabel("Level on the app " + appName)).hasValue("EDIT");
        Assertions.assertThat(api.get("/api/v1/groups/" + group + "/access").json().get("apps").size()).isZero();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save access")).click();
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("saved")))
                .hasText("Access of " + groupName + " saved.");
        assertThat(page.getByLabel("Level on the app " + appName)).hasValue("EDIT");
        assertThat(unsaved).isHidden();
        mainNavigation().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Home")).click();
        assertThat(page).hasURL(baseUrl() + "/");
        Assertions.assertThat(dialogs).as("saving and leaving a saved form does not warn").hasSize(1);

        var access = api.get("/api/v1/groups/" + group + "/access").json();
        Assertions.assertThat(access.get("apps").get(app).asString()).isEqualTo("EDIT");
        Assertions.assertThat(access.get("additional").toString()).isEqualTo("[\"QUERY_LIBRARY\"]");

        // Discarding the draft puts the form back as saved, and then leaving does not warn either.
        page.navigate(editor);
        page.getByLabel("Level on the app " + appName).selectOption("OWN");
        page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("Themes")).check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Discard changes")).click();
        assertThat(page.getByLabel("Level on the app " + appName)).hasValue("EDIT");
        mainNavigation().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Apps")).click();
        assertThat(page).hasURL(baseUrl() + "/apps");
        Assertions.assertThat(dialogs).hasSize(1);
    }

    @Test
    void theNewPagesWorkWithoutConsoleErrorsOrCspViolations() {
        var person = TestUsers.enabledUser("browser-member").named("Bea", "Browser").create(port, api);
        signInAsAdmin();
        var nav = mainNavigation();
        for (String link : List.of("Users", "Groups", "Apps", "Resources")) {
            assertThat(nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(link).setExact(true))).isVisible();
        }

        nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Groups")).click();
        assertThat(page.locator("tr[data-group='Viewer']")).containsText("built-in");
        String groupName = "Quiet group " + unique();
        page.getByLabel("New group").fill(groupName);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create group")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).containsText(groupName);
        page.getByLabel("E-mail of a user of this space").fill(person.email());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add member")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Bea Browser is now a member.");
        page.locator("tr[data-member='" + person.email() + "']").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Make group admin")).click();
        assertThat(page.locator("tr[data-member='" + person.email() + "']")).containsText("group admin");
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Group"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Access")).click();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save access"))).isVisible();

        mainNavigation().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Apps")).click();
        String folderName = "Quiet folder " + unique();
        page.getByLabel("New folder").fill(folderName);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create folder")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("created");
        String appName = "Quiet app " + unique();
        page.getByLabel("New app").fill(appName);
        page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Create an app")).locator("select[name=folder]")
                .selectOption(new SelectOption().setLabel(folderName));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create app")).click();
        var appRow = page.locator("tr[data-app='" + appName + "']");
        assertThat(appRow).containsText("Own");
        // hx-confirm needs htmx, which starts once the page has loaded; a click before that posts the form plainly.
        page.waitForLoadState(LoadState.LOAD);
        var confirmations = new ArrayList<String>();
        page.onDialog(dialog -> {
            confirmations.add(dialog.message());
            dialog.accept();
        });
        appRow.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("App '" + appName + "' deleted.");
        assertThat(appRow).hasCount(0);
        Assertions.assertThat(confirmations).as("htmx asked first (hx-confirm)")
                .containsExactly("Delete the app '" + appName + "' for good?");

        mainNavigation().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Resources")).click();
        String resourceFolder = "Quiet data " + unique();
        page.getByLabel("New resource folder").fill(resourceFolder);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create resource folder")).click();
        assertThat(page.locator("section[data-resource-folder='" + resourceFolder + "']")).isVisible();
        String resourceName = "Quiet api " + unique();
        page.getByLabel("New resource", new Page.GetByLabelOptions().setExact(true)).fill(resourceName);
        page.getByLabel("Kind").selectOption("REST");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create resource").setExact(true)).click();
        assertThat(page.locator("tr[data-resource='" + resourceName + "']")).containsText("REST");

        page.navigate("/users/" + person.id());
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("User"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Access")).click();
        assertThat(page).hasURL(Pattern.compile("tab=access"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Access"))).isVisible();
        Assertions.assertThat(page.evaluate("() => typeof window.htmx")).as("htmx loaded").isEqualTo("object");
    }

    private Locator mainNavigation() {
        return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"));
    }

    private void signInAsAdmin() {
        Browsers.signIn(page, ToolyardTest.ADMIN_EMAIL, ToolyardTest.ADMIN_PASSWORD);
    }

    private static String created(ApiClient.Response response) {
        Assertions.assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
