package dev.toolyard.apps;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

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

import dev.toolyard.testing.Browsers;
import dev.toolyard.testing.ChromiumAvailable;
import dev.toolyard.testing.ToolyardTest;

/**
 * The editor's code fields (T-AP4) on a console page under the console's CSP: highlighting of SQL,
 * JavaScript and the `{{ }}` parts of expressions, autocomplete of the app's names, one-line fields,
 * labels and read-only fields, without a single CSP violation.
 */
@ToolyardTest
@ExtendWith(ChromiumAvailable.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CodeFieldBrowserTest {

    @LocalServerPort
    int port;

    private BrowserContext context;
    private Page page;
    private final List<String> problems = new ArrayList<>();

    @BeforeAll
    void browser() {
        Browsers.shared();
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
    }

    @BeforeEach
    void open() {
        context = Browsers.shared().newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + port));
        page = context.newPage();
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type()) || message.text().contains("Content Security Policy")) {
                problems.add(message.text());
            }
        });
        page.onPageError(error -> problems.add(error));
        Browsers.signIn(page, ToolyardTest.ADMIN_EMAIL, ToolyardTest.ADMIN_PASSWORD);
        page.navigate("/editor-harness/code-field.html");
        assertThat(page.locator("body[data-ready=true]")).hasCount(1);
    }

    @AfterEach
    void close() {
        context.close();
        Assertions.assertThat(problems).as("console errors and CSP violations").isEmpty();
        problems.clear();
    }

    @Test
    void typingANamePrefixInsideBracesOffersTheAppsNamesAndChoosingInsertsIt() {
        Locator field = page.getByLabel("Expression");
        field.focus();
        page.keyboard().press("End");
        page.keyboard().type(" and {{ tab");
        Locator hints = page.locator(".CodeMirror-hints li");
        assertThat(hints.first()).hasText(Pattern.compile("^table1"));
        assertThat(hints).hasCount(3);
        assertThat(hints).hasText(new String[] {"table1table", "table1.datatable output", "table1.selectedRowtable output"});
        chooseHint(page);
        page.keyboard().type(" }}");
        assertThat(page.locator("#changed")).hasText("Hello {{ current_user.email }} and {{ table1 }}");
        assertThat(page.locator(".CodeMirror-hints")).hasCount(0);
    }

    @Test
    void dottedPrefixesOfferTheMembersAndCtrlSpaceOpensTheList() {
        Locator field = page.getByLabel("Expression");
        field.focus();
        page.keyboard().press("End");
        page.keyboard().type(" {{ table1");
        assertThat(page.locator(".CodeMirror-hints li")).hasCount(2);
        // Each key makes show-hint ignore Escape until its list is redrawn: the last key must change the list.
        page.keyboard().type(".s");
        assertThat(page.locator(".CodeMirror-hints li")).hasText(new String[] {"table1.selectedRowtable output"});
        page.keyboard().press("Escape");
        assertThat(page.locator(".CodeMirror-hints")).hasCount(0);
        page.keyboard().press("Control+Space");
        assertThat(page.locator(".CodeMirror-hints li")).hasCount(1);
        chooseHint(page);
        assertThat(page.locator("#changed")).hasText("Hello {{ current_user.email }} {{ table1.selectedRow");
    }

    @Test
    void namesAreOfferedOnlyInsideBracesInExpressionsAndSqlButEverywhereInJavascript() {
        Locator expression = page.getByLabel("Expression");
        expression.focus();
        page.keyboard().press("End");
        page.keyboard().type(" tab");
        page.keyboard().press("Control+Space");
        assertThat(page.locator(".CodeMirror-hints")).hasCount(0);

        page.getByLabel("SQL", new Page.GetByLabelOptions().setExact(true)).focus();
        page.keyboard().press("Control+End");
        page.keyboard().type(" and name = tex");
        assertThat(page.locator(".CodeMirror-hints")).hasCount(0);
        page.keyboard().type(" {{ tex");
        assertThat(page.locator(".CodeMirror-hints li").first()).hasText(Pattern.compile("^textInput1"));
        page.keyboard().type("tInput1.va");
        assertThat(page.locator(".CodeMirror-hints li")).hasText(new String[] {"textInput1.valuetextInput output"});
        page.keyboard().press("Escape");

        page.getByLabel("Transformer").focus();
        page.keyboard().press("Control+End");
        page.keyboard().press("Enter");
        page.keyboard().type("cur");
        assertThat(page.locator(".CodeMirror-hints li")).hasText(new String[] {"current_usersigned-in user"});
    }

    @Test
    void expressionPartsSqlAndJavascriptAreHighlighted() {
        Locator expression = page.locator("#expression");
        assertThat(expression.locator(".cm-toolyard-delimiter")).hasText(new String[] {"{{", "}}"});
        assertThat(expression.locator(".cm-variable.cm-toolyard-expression").first()).hasText("current_user");
        assertThat(expression.locator(".cm-property")).hasText("email");

        Locator sql = page.locator("#sql");
        assertThat(sql.locator(".cm-keyword").first()).hasText("select");
        assertThat(sql.locator(".cm-toolyard-delimiter")).hasCount(2);
        assertThat(sql.locator(".cm-variable.cm-toolyard-expression")).hasText("textInput1");

        Locator javascript = page.locator("#javascript");
        assertThat(javascript.locator(".cm-keyword")).hasText("return");
        assertThat(javascript.locator(".cm-property")).hasText(new String[] {"data", "length"});
    }

    @Test
    void oneLineFieldsNeverTakeANewlineAndReadOnlyFieldsNeverChange() {
        Locator expression = page.getByLabel("Expression");
        expression.focus();
        page.keyboard().press("End");
        page.keyboard().press("Enter");
        page.keyboard().type("!");
        assertThat(page.locator("#changed")).hasText("Hello {{ current_user.email }}!");
        page.evaluate("() => { const data = new DataTransfer(); data.setData('text/plain', ' two\\nlines');"
                + " document.activeElement.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true})); }");
        assertThat(page.locator("#changed")).hasText("Hello {{ current_user.email }}! two lines");
        assertThat(page.locator("#expression .CodeMirror-line")).hasCount(1);

        page.keyboard().press("Tab");
        assertThat(page.getByLabel("SQL", new Page.GetByLabelOptions().setExact(true))).isFocused();

        Locator frozen = page.getByLabel("Frozen SQL");
        assertThat(frozen).hasAttribute("aria-readonly", "true");
        frozen.focus();
        page.keyboard().type("x");
        assertThat(page.locator("#readonly .CodeMirror-line")).hasText("select 1");
    }

    /** Enter on the open hint list, then waits until the choice is in: show-hint takes a key typed before it has redrawn as typed text. */
    private static void chooseHint(Page page) {
        page.keyboard().press("Enter");
        assertThat(page.locator(".CodeMirror-hints")).hasCount(0);
    }
}
