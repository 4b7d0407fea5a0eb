package dev.toolyard.runtime.components;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;

import dev.toolyard.testing.Browsers;
import dev.toolyard.testing.ChromiumAvailable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every component module of the runtime (T-AP5) in a real Chromium, mounted by a test page that
 * plays the runtime's host. Each test names, through {@link Exercises}, the catalog properties,
 * events and outputs it drives; {@link ComponentCatalogCoverageTest} checks that together they
 * cover the whole catalog. Every test also fails on a console error (CSP violations included).
 */
@ExtendWith(ChromiumAvailable.class)
class ComponentsBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ComponentHarness harness;

    private BrowserContext context;
    private Page page;
    private final List<String> consoleErrors = new ArrayList<>();

    @BeforeAll
    static void startHarness() {
        Browsers.shared();
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        harness = ComponentHarness.start();
    }

    @AfterAll
    static void stopHarness() {
        harness.close();
    }

    @BeforeEach
    void openHarness() {
        context = Browsers.shared().newContext(new Browser.NewContextOptions()
                .setViewportSize(900, 900).setLocale("en-US").setTimezoneId("Europe/Oslo"));
        page = context.newPage();
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                consoleErrors.add(message.location() + ": " + message.text());
            }
        });
        page.onPageError(error -> consoleErrors.add("uncaught " + error));
        page.navigate(harness.pageUrl());
        page.waitForFunction("() => window.harnessReady === true");
    }

    @AfterEach
    void noConsoleErrors() {
        try {
            page.evaluate("() => true");
            assertThat(consoleErrors).as("console errors and CSP violations").isEmpty();
        } finally {
            context.close();
        }
    }

    @Test
    @Exercises(type = "text", properties = {"value", "size", "align"})
    void textShowsItsValueAsTextWithSizeAndAlignment() {
        mount("""
                {"type": "text", "id": "text1", "props": {"value": "<img src=x onerror=alert(1)> Hello", "size": "heading", "align": "center"}}""");
        Locator body = page.locator("#text1 .ty-text-body");
        assertThat(body).hasText("<img src=x onerror=alert(1)> Hello");
        assertThat(page.locator("#text1 img")).hasCount(0);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Hello").setLevel(2))).isVisible();
        assertThat(body).hasCSS("text-align", "center");
        screenshot("text1", "text");

        update("text1", """
                {"value": "Fine print", "size": "small", "align": "right"}""");
        assertThat(body).hasText("Fine print");
        assertThat(body).hasCSS("text-align", "right");
        assertThat(page.getByRole(AriaRole.HEADING)).hasCount(0);
    }

    @Test
    @Exercises(type = "button", properties = {"text", "variant", "disabled", "loading"}, events = "click")
    void buttonEmitsClickUnlessDisabledOrLoading() {
        mount("""
                {"type": "button", "id": "save", "props": {"text": "Save order", "variant": "danger"}}""");
        Locator button = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save order"));
        assertThat(button).hasCSS("background-color", "rgb(220, 38, 38)");
        screenshot("save", "button");
        button.click();
        assertThat(events("save", "click")).hasSize(1);

        update("save", """
                {"loading": true}""");
        assertThat(button).isDisabled();
        assertThat(button).hasAttribute("aria-busy", "true");
        assertThat(page.locator("#save .ty-spinner")).isVisible();
        button.click(new Locator.ClickOptions().setForce(true));

        update("save", """
                {"loading": false, "disabled": true, "variant": "secondary"}""");
        assertThat(button).isDisabled();
        assertThat(button).hasCSS("background-color", "rgb(255, 255, 255)");
        button.click(new Locator.ClickOptions().setForce(true));
        assertThat(events("save", "click")).hasSize(1);
    }

    @Test
    @Exercises(type = "textInput", properties = {"label", "placeholder", "value", "inputType", "required", "minLength", "maxLength", "pattern", "disabled"},
            events = {"change", "submit"}, outputs = {"value", "valid"})
    void textInputValidatesWhatIsTypedAndPublishesItsValue() {
        mount("""
                {"type": "textInput", "id": "code", "props": {"label": "Order code", "placeholder": "AB-123", "required": true,
                 "minLength": 3, "maxLength": 6, "pattern": "[A-Z]{2}-[0-9]+"}}""");
        Locator input = page.getByLabel("Order code");
        assertThat(input).hasAttribute("placeholder", "AB-123");
        assertThat(input).hasAttribute("aria-required", "true");
        assertThat(input).hasAttribute("maxlength", "6");
        assertThat(outputs("code").path("valid").asBoolean()).isFalse();
        // No error before the user has been in the field.
        assertThat(page.locator("#code .ty-field-error")).isEmpty();

        input.fill("ab");
        input.blur();
        assertThat(page.locator("#code .ty-field-error")).hasText("At least 3 characters");
        assertThat(input).hasAttribute("aria-invalid", "true");
        input.fill("abc");
        assertThat(page.locator("#code .ty-field-error")).hasText("Does not match the expected format");
        input.fill("AB-12");
        assertThat(page.locator("#code .ty-field-error")).isEmpty();
        assertThat(outputs("code").path("value").asString()).isEqualTo("AB-12");
        assertThat(outputs("code").path("valid").asBoolean()).isTrue();
        input.press("Enter");
        assertThat(events("code", "submit")).extracting(event -> event.path("value").asString()).containsExactly("AB-12");
        input.blur();
        assertThat(events("code", "change")).extracting(event -> event.path("value").asString()).containsExactly("ab", "AB-12");
        screenshot("code", "textInput");

        update("code", """
                {"value": "someone@example.org", "inputType": "email", "pattern": null, "maxLength": null, "label": "Email"}""");
        Locator email = page.getByLabel("Email");
        assertThat(email).hasValue("someone@example.org");
        assertThat(email).hasAttribute("type", "email");
        assertThat(outputs("code").path("valid").asBoolean()).isTrue();
        email.fill("not an address");
        assertThat(outputs("code").path("valid").asBoolean()).isFalse();
        email.blur();
        assertThat(page.locator("#code .ty-field-error")).hasText("Not an email address");

        // A value the app sets (e.g. a form bound to a row that went away) starts the field afresh:
        // invalid, but no error shown until the user is back in it.
        update("code", """
                {"value": ""}""");
        assertThat(email).hasValue("");
        assertThat(outputs("code").path("valid").asBoolean()).isFalse();
        assertThat(page.locator("#code .ty-field-error")).isEmpty();
        email.focus();
        email.blur();
        assertThat(page.locator("#code .ty-field-error")).hasText("Required");

        update("code", """
                {"disabled": true}""");
        assertThat(email).isDisabled();
    }

    @Test
    @Exercises(type = "numberInput", properties = {"label", "value", "min", "max", "step", "required", "disabled"},
            events = "change", outputs = {"value", "valid"})
    void numberInputPublishesANumberWithinItsBounds() {
        mount("""
                {"type": "numberInput", "id": "qty", "props": {"label": "Quantity", "value": 3, "min": 1, "max": 10, "step": 2, "required": true}}""");
        Locator input = page.getByLabel("Quantity");
        assertThat(input).hasValue("3");
        assertThat(input).hasAttribute("step", "2");
        assertThat(outputs("qty").path("value").asInt()).isEqualTo(3);
        input.press("ArrowUp");
        assertThat(input).hasValue("5");
        assertThat(outputs("qty").path("value").asInt()).isEqualTo(5);

        input.fill("12");
        input.blur();
        assertThat(page.locator("#qty .ty-field-error")).hasText("At most 10");
        assertThat(outputs("qty").path("valid").asBoolean()).isFalse();
        assertThat(events("qty", "change")).isNotEmpty();
        assertThat(events("qty", "change").get(events("qty", "change").size() - 1).path("value").asInt()).isEqualTo(12);
        input.fill("0");
        assertThat(page.locator("#qty .ty-field-error")).hasText("At least 1");
        input.fill("");
        assertThat(page.locator("#qty .ty-field-error")).hasText("Required");
        assertThat(outputs("qty").path("value").isNull()).isTrue();
        input.fill("7.5");
        assertThat(outputs("qty").path("value").asDouble()).isEqualTo(7.5);
        assertThat(outputs("qty").path("valid").asBoolean()).isTrue();
        screenshot("qty", "numberInput");

        update("qty", """
                {"disabled": true, "value": 2}""");
        assertThat(input).isDisabled();
        assertThat(input).hasValue("2");
    }

    @Test
    @Exercises(type = "select", properties = {"label", "options", "value", "placeholder", "required", "disabled"},
            events = "change", outputs = {"value", "selectedOption", "valid"})
    void selectPublishesTheChosenOptionsValueOfAnyType() {
        mount("""
                {"type": "select", "id": "city", "props": {"label": "City", "placeholder": "Pick a city", "required": true,
                 "options": [{"label": "Oslo", "value": 1}, {"label": "Bergen", "value": 2}, "Trondheim"]}}""");
        Locator select = page.getByLabel("City");
        assertThat(select.locator("option")).hasText(new String[] {"Pick a city", "Oslo", "Bergen", "Trondheim"});
        assertThat(outputs("city").path("valid").asBoolean()).isFalse();
        assertThat(outputs("city").path("value").isNull()).isTrue();

        select.selectOption(new SelectOption().setLabel("Bergen"));
        assertThat(outputs("city").path("value").asInt()).isEqualTo(2);
        assertThat(outputs("city").path("selectedOption").path("label").asString()).isEqualTo("Bergen");
        assertThat(outputs("city").path("valid").asBoolean()).isTrue();
        assertThat(events("city", "change")).extracting(event -> event.path("value").asInt()).containsExactly(2);
        screenshot("city", "select");

        select.selectOption(new SelectOption().setLabel("Pick a city"));
        assertThat(page.locator("#city .ty-field-error")).hasText("Required");

        update("city", """
                {"value": "Trondheim", "disabled": true}""");
        assertThat(select).isDisabled();
        assertThat(outputs("city").path("value").asString()).isEqualTo("Trondheim");
    }

    @Test
    @Exercises(type = "checkbox", properties = {"label", "value", "required", "disabled"}, events = "change", outputs = {"value", "valid"})
    void checkboxPublishesWhetherItIsChecked() {
        mount("""
                {"type": "checkbox", "id": "terms", "props": {"label": "I accept the terms", "required": true}}""");
        Locator box = page.getByLabel("I accept the terms");
        assertThat(outputs("terms").path("value").asBoolean()).isFalse();
        assertThat(outputs("terms").path("valid").asBoolean()).isFalse();
        box.check();
        assertThat(outputs("terms").path("value").asBoolean()).isTrue();
        assertThat(outputs("terms").path("valid").asBoolean()).isTrue();
        box.press(" ");
        assertThat(box).not().isChecked();
        assertThat(page.locator("#terms .ty-field-error")).hasText("Required");
        assertThat(events("terms", "change")).extracting(event -> event.path("value").asBoolean()).containsExactly(true, false);
        screenshot("terms", "checkbox");

        update("terms", """
                {"value": true, "disabled": true}""");
        assertThat(box).isChecked();
        assertThat(box).isDisabled();
    }

    @Test
    @Exercises(type = "date", properties = {"label", "value", "min", "max", "required", "disabled"}, events = "change", outputs = {"value", "valid"})
    void datePublishesAnIsoDateWithinItsRange() {
        mount("""
                {"type": "date", "id": "due", "props": {"label": "Due date", "value": "2026-12-24T10:00:00Z", "min": "2026-12-01", "max": "2026-12-31", "required": true}}""");
        Locator input = page.getByLabel("Due date");
        assertThat(input).hasValue("2026-12-24");
        assertThat(input).hasAttribute("min", "2026-12-01");
        assertThat(outputs("due").path("value").asString()).isEqualTo("2026-12-24");
        input.fill("2027-01-05");
        input.blur();
        assertThat(page.locator("#due .ty-field-error")).hasText("On or before 2026-12-31");
        assertThat(outputs("due").path("valid").asBoolean()).isFalse();
        input.fill("2026-11-30");
        assertThat(page.locator("#due .ty-field-error")).hasText("On or after 2026-12-01");
        input.fill("2026-12-02");
        assertThat(outputs("due").path("valid").asBoolean()).isTrue();
        assertThat(events("due", "change")).extracting(event -> event.path("value").asString()).contains("2026-12-02");
        screenshot("due", "date");

        update("due", """
                {"value": null, "disabled": true}""");
        assertThat(input).hasValue("");
        assertThat(input).isDisabled();
        assertThat(outputs("due").path("valid").asBoolean()).isFalse();
    }

    @Test
    @Exercises(type = "form", properties = {"title", "submitText", "resetOnSubmit", "disabled"}, events = {"submit", "invalid"}, outputs = {"data", "valid"})
    void formCollectsItsInputsValidatesThemAndSubmits() {
        mount("""
                {"type": "form", "id": "order", "props": {"title": "New order", "submitText": "Place order", "resetOnSubmit": true},
                 "children": [
                   {"type": "textInput", "id": "customer", "props": {"label": "Customer", "required": true}},
                   {"type": "numberInput", "id": "amount", "props": {"label": "Amount", "value": 1, "min": 1}},
                   {"type": "checkbox", "id": "express", "props": {"label": "Express"}}
                 ]}""");
        assertThat(page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("New order"))).isVisible();
        assertThat(outputs("order").path("data").toString()).isEqualTo("{\"customer\":\"\",\"amount\":1,\"express\":false}");
        assertThat(outputs("order").path("valid").asBoolean()).isFalse();

        Locator submit = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Place order"));
        submit.click();
        assertThat(events("order", "invalid")).hasSize(1);
        assertThat(events("order", "invalid").get(0).path("invalidFields").toString()).isEqualTo("[\"customer\"]");
        assertThat(events("order", "submit")).isEmpty();
        assertThat(page.locator("#customer .ty-field-error")).hasText("Required");
        assertThat(page.getByLabel("Customer")).isFocused();
        assertThat(page.locator("#order .ty-form-status")).hasText("1 field needs attention");
        screenshot("order", "form-invalid");

        page.getByLabel("Customer").fill("Ada");
        page.getByLabel("Amount").fill("4");
        page.getByLabel("Express").check();
        page.waitForFunction("() => harness.outputs.order.valid === true");
        assertThat(outputs("order").path("data").toString()).isEqualTo("{\"customer\":\"Ada\",\"amount\":4,\"express\":true}");
        screenshot("order", "form");
        page.getByLabel("Customer").press("Enter");
        assertThat(events("order", "submit")).hasSize(1);
        assertThat(events("order", "submit").get(0).toString()).isEqualTo("{\"customer\":\"Ada\",\"amount\":4,\"express\":true}");
        // resetOnSubmit: back to each input's initial value.
        assertThat(page.getByLabel("Customer")).hasValue("");
        assertThat(page.getByLabel("Amount")).hasValue("1");
        assertThat(page.getByLabel("Express")).not().isChecked();

        update("order", """
                {"disabled": true}""");
        assertThat(submit).isDisabled();
        assertThat(page.getByLabel("Customer")).isDisabled();
        assertThat(page.getByLabel("Express")).isDisabled();
        update("order", """
                {"disabled": false}""");
        assertThat(page.getByLabel("Customer")).isEnabled();
    }

    @Test
    void destroyEmptiesTheElementAndAFormForgetsADestroyedInput() {
        mount("""
                {"type": "form", "id": "signup", "children": [
                   {"type": "textInput", "id": "first", "props": {"label": "First", "value": "Ada"}},
                   {"type": "checkbox", "id": "news", "props": {"label": "News"}}]}""");
        page.waitForFunction("() => harness.outputs.signup && 'news' in harness.outputs.signup.data");
        page.evaluate("() => destroy('news')");
        page.waitForFunction("() => !('news' in harness.outputs.signup.data)");
        assertThat(outputs("signup").path("data").toString()).isEqualTo("{\"first\":\"Ada\"}");
        assertThat(page.locator("#news")).isEmpty();
        page.evaluate("() => destroy('signup')");
        assertThat(page.locator("#signup")).isEmpty();
    }

    @Test
    @Exercises(type = "container", properties = {"title", "bordered"})
    void containerFramesItsChildrenUnderATitle() {
        mount("""
                {"type": "container", "id": "box", "props": {"title": "Details"},
                 "children": [{"type": "text", "id": "inside", "props": {"value": "Inside the box"}}]}""");
        Locator region = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Details"));
        assertThat(region.getByText("Inside the box")).isVisible();
        assertThat(page.locator("#box .ty-container-frame")).hasCSS("border-top-style", "solid");
        screenshot("box", "container");
        update("box", """
                {"bordered": false, "title": ""}""");
        assertThat(page.locator("#box .ty-container-frame")).hasCSS("border-top-style", "none");
        assertThat(page.locator("#box h2")).isHidden();
    }

    @Test
    @Exercises(type = "tabs", properties = {"tabs", "selected"}, events = "change", outputs = "selected")
    void tabsShowOneSlotAtATimeAndFollowTheKeyboard() {
        mount("""
                {"type": "tabs", "id": "sections", "props": {"tabs": ["Orders", "Customers", "Notes"], "selected": "Customers"},
                 "children": [
                   {"type": "text", "id": "ordersText", "slot": "Orders", "props": {"value": "All orders"}},
                   {"type": "text", "id": "customersText", "slot": "Customers", "props": {"value": "All customers"}},
                   {"type": "text", "id": "notesText", "slot": "Notes", "props": {"value": "Some notes"}}
                 ]}""");
        Locator customers = page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Customers"));
        assertThat(customers).hasAttribute("aria-selected", "true");
        assertThat(page.getByRole(AriaRole.TABPANEL)).hasText("All customers");
        assertThat(outputs("sections").path("selected").asString()).isEqualTo("Customers");

        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Orders")).click();
        assertThat(page.getByRole(AriaRole.TABPANEL)).hasText("All orders");
        page.keyboard().press("ArrowLeft");
        assertThat(page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Notes"))).isFocused();
        assertThat(page.getByRole(AriaRole.TABPANEL)).hasText("Some notes");
        assertThat(outputs("sections").path("selected").asString()).isEqualTo("Notes");
        assertThat(events("sections", "change")).extracting(event -> event.path("selected").asString()).containsExactly("Orders", "Notes");
        screenshot("sections", "tabs");

        update("sections", """
                {"tabs": ["Orders", "Customers"], "selected": "Orders"}""");
        assertThat(page.getByRole(AriaRole.TAB)).hasCount(2);
        assertThat(page.getByRole(AriaRole.TABPANEL)).hasText("All orders");
        assertThat(outputs("sections").path("selected").asString()).isEqualTo("Orders");
    }

    @Test
    @Exercises(type = "modal", properties = {"title", "width"}, events = {"open", "close"}, outputs = "open")
    void modalOpensAndClosesThroughTheRuntimeAndTheKeyboard() {
        mount("""
                {"type": "modal", "id": "confirm", "props": {"title": "Delete order?", "width": "small"},
                 "children": [{"type": "button", "id": "yes", "props": {"text": "Delete", "variant": "danger"}}]}""");
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Delete order?"));
        assertThat(dialog).isHidden();
        assertThat(outputs("confirm").path("open").asBoolean()).isFalse();

        page.evaluate("() => call('confirm', 'open')");
        assertThat(dialog).isVisible();
        assertThat(outputs("confirm").path("open").asBoolean()).isTrue();
        assertThat(dialog.boundingBox().width).isEqualTo(380);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("component-modal.png")));
        page.keyboard().press("Escape");
        assertThat(dialog).isHidden();
        page.waitForFunction("() => harness.outputs.confirm.open === false");

        update("confirm", """
                {"width": "large", "title": "Really delete?"}""");
        page.evaluate("() => call('confirm', 'open')");
        assertThat(page.getByRole(AriaRole.DIALOG).boundingBox().width).isGreaterThan(800);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Close")).click();
        assertThat(page.getByRole(AriaRole.DIALOG)).isHidden();
        page.evaluate("() => call('confirm', 'open')");
        page.evaluate("() => call('confirm', 'close')");
        assertThat(page.getByRole(AriaRole.DIALOG)).isHidden();
        // The dialog reports its close once the browser has closed it: wait for the sixth event.
        page.waitForFunction("() => harness.events.filter(e => e.id === 'confirm').length >= 6");
        assertThat(eventNames("confirm")).containsExactly("open", "close", "open", "close", "open", "close");
    }

    @Test
    @Exercises(type = "chart", properties = {"chartType", "data", "x", "y", "title"}, events = "pointClick", outputs = "selectedPoint")
    void chartDrawsSeriesFromRowsAndReportsTheClickedPoint() {
        mount("""
                {"type": "chart", "id": "sales", "tall": true, "props": {"chartType": "bar", "title": "Sales by city", "x": "city", "y": ["orders", "returns"],
                 "data": [{"city": "Oslo", "orders": 12, "returns": 2}, {"city": "Bergen", "orders": 7, "returns": 1}, {"city": "Tromsø", "orders": 3, "returns": 0}]}}""");
        page.waitForFunction("() => document.querySelector('#sales').dataset.rendered === '3'");
        // ECharts' aria option describes the chart, title and data, for screen readers (the canvas has no text).
        Locator described = page.locator("#sales .ty-chart-canvas");
        assertThat(described).hasAttribute("aria-label", "Bar chart \"Sales by city\" of 3 points: Oslo: orders 12, returns 2; Bergen: orders 7, returns 1; Tromsø: orders 3, returns 0.");
        assertThat(page.locator("#sales canvas")).hasCount(1);
        screenshot("sales", "chart-bar");

        // Click the middle of Bergen's "orders" bar, located through ECharts' own layout.
        @SuppressWarnings("unchecked")
        List<Number> point = (List<Number>) page.evaluate("""
                async () => {
                  const echarts = await import('/webjars/echarts/dist/echarts.esm.min.js');
                  const chart = echarts.getInstanceByDom(document.querySelector('#sales .ty-chart-canvas'));
                  const bar = chart.getModel().getSeriesByIndex(0).getData().getItemLayout(1);
                  const box = document.querySelector('#sales .ty-chart-canvas').getBoundingClientRect();
                  return [box.left + bar.x + bar.width / 2, box.top + bar.y + bar.height / 2];
                }""");
        page.mouse().click(point.get(0).doubleValue(), point.get(1).doubleValue());
        page.waitForFunction("() => harness.events.some(e => e.id === 'sales' && e.event === 'pointClick')");
        JsonNode clicked = events("sales", "pointClick").get(0);
        assertThat(clicked.path("name").asString()).isEqualTo("Bergen");
        assertThat(clicked.path("seriesName").asString()).isEqualTo("orders");
        assertThat(clicked.path("value").asInt()).isEqualTo(7);
        assertThat(clicked.path("row").path("returns").asInt()).isEqualTo(1);
        assertThat(outputs("sales").path("selectedPoint").path("name").asString()).isEqualTo("Bergen");

        update("sales", """
                {"chartType": "line", "y": ["returns"], "title": "Returns"}""");
        assertThat(described).hasAttribute("aria-label", Pattern.compile("^Line chart \"Returns\" of 3 points: Oslo: returns 2;"));
        screenshot("sales", "chart-line");

        update("sales", """
                {"chartType": "pie", "y": ["orders"], "title": "Orders", "data": [{"city": "Oslo", "orders": 12}, {"city": "Bergen", "orders": 7}]}""");
        page.waitForFunction("() => document.querySelector('#sales').dataset.rendered === '2'");
        assertThat(described).hasAttribute("aria-label", "Pie chart \"Orders\" of 2 points: Oslo: orders 12; Bergen: orders 7.");
        assertThat(described).not().hasAttribute("aria-label", Pattern.compile("Tromsø"));
        screenshot("sales", "chart-pie");
    }

    @Test
    @Exercises(type = "jsonView", properties = {"value", "expandDepth"})
    void jsonViewShowsAValueAsACollapsibleTree() {
        mount("""
                {"type": "jsonView", "id": "raw", "props": {"expandDepth": 1,
                 "value": {"name": "<b>Ada</b>", "age": 36, "active": true, "manager": null, "teams": [{"id": 1, "name": "Core"}]}}}""");
        Locator tree = page.locator("#raw");
        assertThat(tree).containsText("\"<b>Ada</b>\"");
        assertThat(tree.locator("b")).hasCount(0);
        assertThat(tree).containsText("Array(1)");
        assertThat(tree.getByText("Core")).isHidden();

        Locator teams = tree.locator("summary", new Locator.LocatorOptions().setHasText("teams"));
        teams.focus();
        page.keyboard().press("Enter");
        assertThat(tree).containsText("{2 keys}");
        tree.locator("summary", new Locator.LocatorOptions().setHasText("{2 keys}")).click();
        assertThat(tree.getByText("\"Core\"")).isVisible();
        screenshot("raw", "jsonView");

        update("raw", """
                {"expandDepth": 0, "value": [1, 2, 3]}""");
        assertThat(tree.locator("details").first()).not().hasAttribute("open", "");
        assertThat(tree).containsText("Array(3)");
    }

    @Test
    @Exercises(type = "table", properties = {"data", "columns", "pageSize", "sortable", "searchable", "emptyText"}, events = "pageChange",
            outputs = {"searchText", "page", "sortKey", "sortDirection", "visibleRows"})
    void tableSortsSearchesAndPaginates() {
        mount("""
                {"type": "table", "id": "people", "props": {"pageSize": 2, "emptyText": "Nobody here",
                 "columns": [{"key": "name", "label": "Name"}, {"key": "city", "label": "City"}, {"key": "salary", "label": "Salary", "type": "number"}],
                 "data": [{"name": "Ada", "city": "Oslo", "salary": 5000}, {"name": "Bo", "city": "Bergen", "salary": 900},
                          {"name": "Cy", "city": "Oslo", "salary": 12000}, {"name": "Di", "city": "Tromsø", "salary": null},
                          {"name": "Ed", "city": "Oslo", "salary": 700}]}}""");
        assertThat(cells("name")).hasText(new String[] {"Ada", "Bo"});
        assertThat(page.locator("#people .ty-table-page")).hasText("Page 1 of 3");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next page")).click();
        assertThat(cells("name")).hasText(new String[] {"Cy", "Di"});
        assertThat(outputs("people").path("page").asInt()).isEqualTo(2);
        assertThat(events("people", "pageChange")).extracting(event -> event.path("page").asInt()).containsExactly(2);

        Locator salary = page.locator("#people th[data-key=salary]");
        salary.getByRole(AriaRole.BUTTON).click();
        assertThat(salary).hasAttribute("aria-sort", "ascending");
        // Sorting returns to the first page; numbers sort as numbers, empty cells last.
        assertThat(cells("salary")).hasText(new String[] {"700", "900"});
        assertThat(outputs("people").path("sortKey").asString()).isEqualTo("salary");
        salary.getByRole(AriaRole.BUTTON).click();
        assertThat(salary).hasAttribute("aria-sort", "descending");
        assertThat(cells("salary")).hasText(new String[] {"12,000", "5,000"});
        assertThat(outputs("people").path("sortDirection").asString()).isEqualTo("descending");
        screenshot("people", "table");
        salary.getByRole(AriaRole.BUTTON).click();
        assertThat(salary).hasAttribute("aria-sort", "none");
        assertThat(outputs("people").path("sortKey").isNull()).isTrue();

        Locator search = page.getByRole(AriaRole.SEARCHBOX, new Page.GetByRoleOptions().setName("Search rows"));
        search.fill("oslo");
        assertThat(page.locator("#people .ty-table-count")).hasText("3 of 5 rows");
        assertThat(cells("name")).hasText(new String[] {"Ada", "Cy"});
        assertThat(outputs("people").path("searchText").asString()).isEqualTo("oslo");
        assertThat(outputs("people").path("visibleRows").size()).isEqualTo(3);
        search.fill("nowhere");
        assertThat(page.locator("#people tbody")).hasText("Nobody here");
        assertThat(outputs("people").path("visibleRows").size()).isZero();

        update("people", """
                {"searchable": false, "sortable": false, "pageSize": 10}""");
        assertThat(search).isHidden();
        assertThat(cells("name")).hasCount(5);
        assertThat(page.locator("#people th button")).hasCount(0);
        assertThat(page.locator("#people th[data-key=salary]")).not().hasAttribute("aria-sort", Pattern.compile(".*"));
    }

    @Test
    @Exercises(type = "table", properties = {"selectable"}, events = "rowSelect", outputs = {"selectedRow", "selectedIndex"})
    void tableSelectsARowByClickOrKeyboard() {
        mount("""
                {"type": "table", "id": "orders", "props": {"data": [{"id": 1, "item": "Desk"}, {"id": 2, "item": "Chair"}, {"id": 3, "item": "Lamp"}]}}""");
        assertThat(page.getByRole(AriaRole.GRID)).isVisible();
        page.locator("#orders tbody tr").nth(1).click();
        assertThat(page.locator("#orders tbody tr").nth(1)).hasAttribute("aria-selected", "true");
        assertThat(outputs("orders").path("selectedRow").path("item").asString()).isEqualTo("Chair");
        assertThat(outputs("orders").path("selectedIndex").asInt()).isEqualTo(1);
        page.keyboard().press("ArrowDown");
        page.keyboard().press("Enter");
        assertThat(outputs("orders").path("selectedRow").path("item").asString()).isEqualTo("Lamp");
        assertThat(events("orders", "rowSelect")).extracting(event -> event.path("index").asInt()).containsExactly(1, 2);
        assertThat(events("orders", "rowSelect").get(1).path("row").path("id").asInt()).isEqualTo(3);

        update("orders", """
                {"selectable": false}""");
        assertThat(page.getByRole(AriaRole.GRID)).hasCount(0);
        assertThat(outputs("orders").path("selectedRow").isNull()).isTrue();
        page.locator("#orders tbody tr").nth(0).click();
        assertThat(events("orders", "rowSelect")).hasSize(2);
    }

    @Test
    @Exercises(type = "table", properties = "columns")
    void tableFormatsEachColumnTypeAndOnlyLinksSafeAddresses() {
        mount("""
                {"type": "table", "id": "typed", "props": {"columns": [
                   {"key": "price", "label": "Price", "type": "currency", "currency": "EUR"},
                   {"key": "day", "label": "Day", "type": "date"},
                   {"key": "at", "label": "At", "type": "datetime"},
                   {"key": "paid", "label": "Paid", "type": "boolean"},
                   {"key": "site", "label": "Site", "type": "link"},
                   {"key": "note", "label": "Note"}],
                 "data": [{"price": 1234.5, "day": "2026-03-01", "at": "2026-03-01T13:45:00", "paid": true, "site": "https://example.org/a", "note": "<i>x</i>"},
                          {"price": null, "day": "not a date", "at": null, "paid": false, "site": "javascript:alert(1)", "note": {"a": 1}}]}}""");
        Locator first = page.locator("#typed tbody tr").nth(0);
        assertThat(first.locator("td").nth(0)).hasText("€1,234.50");
        assertThat(first.locator("td").nth(1)).hasText("Mar 1, 2026");
        assertThat(first.locator("td").nth(2)).hasText(Pattern.compile("Mar 1, 2026.*1:45\\sPM"));
        assertThat(first.locator("td").nth(3)).hasText("Yes");
        assertThat(first.locator("td").nth(4).locator("a")).hasAttribute("href", "https://example.org/a");
        assertThat(first.locator("td").nth(4).locator("a")).hasAttribute("rel", "noopener noreferrer");
        assertThat(first.locator("td").nth(5)).hasText("<i>x</i>");
        Locator second = page.locator("#typed tbody tr").nth(1);
        assertThat(second.locator("td").nth(1)).hasText("not a date");
        assertThat(second.locator("td").nth(3)).hasText("No");
        assertThat(second.locator("td").nth(4).locator("a")).hasCount(0);
        assertThat(second.locator("td").nth(4)).hasText("javascript:alert(1)");
        assertThat(second.locator("td").nth(5)).hasText("{\"a\":1}");
        assertThat(page.locator("#typed i")).hasCount(0);
        screenshot("typed", "table-column-types");
    }

    /**
     * 10,000 rows: mounts a table (module already loaded) and times, with performance.now() in
     * the page, until the frame after the first page is painted, then a sort and a search the
     * same way. The figures go to target/screenshots/table-10000-rows.txt and the test output.
     */
    @Test
    void tableOfTenThousandRowsPaintsPagesSortsAndSearchesWithoutFreezing() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Number> timings = (Map<String, Number>) page.evaluate("""
                async () => {
                  const cities = ['Oslo', 'Bergen', 'Trondheim', 'Stavanger', 'Tromsø'];
                  const rows = Array.from({length: 10000}, (_, i) => ({
                    id: i + 1, name: 'Employee ' + (i * 7919 % 10000), city: cities[i % 5],
                    salary: 30000 + (i * 104729 % 90000), hired: new Date(Date.UTC(2000, 0, 1 + i % 9000)).toISOString().slice(0, 10),
                    active: i % 3 !== 0 }));
                  await import('/runtime/components/table.js');
                  const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
                  const t0 = performance.now();
                  await mount({type: 'table', id: 'big', props: {data: rows, pageSize: 50, columns: [
                    {key: 'id', type: 'number'}, {key: 'name'}, {key: 'city'}, {key: 'salary', type: 'currency'},
                    {key: 'hired', type: 'date'}, {key: 'active', type: 'boolean'}]}});
                  await painted();
                  const t1 = performance.now();
                  document.querySelector('#big th[data-key=name] button').click();
                  await painted();
                  const t2 = performance.now();
                  document.querySelector('#big th[data-key=salary] button').click();
                  await painted();
                  const t3 = performance.now();
                  const search = document.querySelector('#big input[type=search]');
                  search.value = 'oslo';
                  search.dispatchEvent(new Event('input'));
                  await painted();
                  const t4 = performance.now();
                  document.querySelector('#big button[aria-label="Next page"]').click();
                  await painted();
                  const t5 = performance.now();
                  return {firstPage: t1 - t0, sortText: t2 - t1, sortNumber: t3 - t2, search: t4 - t3, nextPage: t5 - t4,
                          rowsInDom: document.querySelectorAll('#big tbody tr').length};
                }""");
        String report = String.format(Locale.ROOT,
                "table, 10,000 rows, 6 columns, 50 rows a page, Chromium headless: first page painted %.0f ms, "
                        + "sort by text %.0f ms, sort by number %.0f ms, search %.0f ms, next page %.0f ms (performance.now() to the frame after)",
                timings.get("firstPage").doubleValue(), timings.get("sortText").doubleValue(), timings.get("sortNumber").doubleValue(),
                timings.get("search").doubleValue(), timings.get("nextPage").doubleValue());
        System.out.println(report);
        Files.createDirectories(SCREENSHOTS);
        Files.writeString(SCREENSHOTS.resolve("table-10000-rows.txt"), report + System.lineSeparator());
        assertThat(timings.get("rowsInDom").intValue()).isEqualTo(50);
        assertThat(page.locator("#big .ty-table-count")).hasText("2,000 of 10,000 rows".replace(",", ""));
        // Generous bounds for a loaded two-core machine: a frozen page takes seconds.
        assertThat(timings.get("firstPage").doubleValue()).isLessThan(1000);
        assertThat(timings.get("sortText").doubleValue()).isLessThan(1000);
        assertThat(timings.get("search").doubleValue()).isLessThan(1000);
        screenshot("big", "table-10000-rows");
    }

    // --- helpers -------------------------------------------------------------------------

    private void mount(String spec) {
        page.evaluate("json => mount(JSON.parse(json))", spec);
    }

    private void update(String id, String changes) {
        page.evaluate("([id, json]) => updateProps(id, JSON.parse(json))", List.of(id, changes));
    }

    private JsonNode outputs(String id) {
        return JSON.readTree((String) page.evaluate("id => JSON.stringify(harness.outputs[id] || {})", id));
    }

    private List<JsonNode> events(String id, String event) {
        JsonNode all = JSON.readTree((String) page.evaluate("() => JSON.stringify(harness.events)"));
        List<JsonNode> payloads = new ArrayList<>();
        for (JsonNode emitted : all) {
            if (emitted.path("id").asString().equals(id) && emitted.path("event").asString().equals(event)) {
                payloads.add(emitted.path("payload"));
            }
        }
        return payloads;
    }

    private List<String> eventNames(String id) {
        JsonNode all = JSON.readTree((String) page.evaluate("() => JSON.stringify(harness.events)"));
        List<String> names = new ArrayList<>();
        for (JsonNode emitted : all) {
            if (emitted.path("id").asString().equals(id)) {
                names.add(emitted.path("event").asString());
            }
        }
        return names;
    }

    private Locator cells(String key) {
        int column = ((Number) page.evaluate("key => [...document.querySelectorAll('#people th')].findIndex(th => th.dataset.key === key)", key)).intValue();
        return page.locator("#people tbody tr td:nth-child(" + (column + 1) + ")");
    }

    private void screenshot(String id, String name) {
        page.locator("#" + id).screenshot(new Locator.ScreenshotOptions().setPath(SCREENSHOTS.resolve("component-" + name + ".png")));
    }
}
