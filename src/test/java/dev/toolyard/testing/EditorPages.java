package dev.toolyard.testing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.assertj.core.api.Assertions;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import tools.jackson.databind.JsonNode;

/**
 * What the editor's browser tests (T-AP4) do again and again: find a component on the canvas, wait
 * for autosave, choose an autocomplete hint, and read or write an app's draft document through the
 * API.
 */
public final class EditorPages {

    private EditorPages() {
    }

    /** A component drawn on the editor's canvas, once a redraw in progress is swapped in. */
    public static Locator cell(Page page, String id) {
        return page.frameLocator("iframe.editor-frame")
                .locator(".ty-edit-root:not(.ty-edit-pending) [data-component='" + id + "']");
    }

    /** Waits until autosave has sent the editor's last change. */
    public static void waitSaved(Page page) {
        assertThat(page.locator("#save-status")).hasAttribute("data-state", "saved");
    }

    /**
     * Enter on the open hint list, then waits until the choice is in: show-hint takes a key typed
     * before it has redrawn as typed text.
     */
    public static void chooseHint(Page page) {
        page.keyboard().press("Enter");
        assertThat(page.locator(".CodeMirror-hints")).hasCount(0);
    }

    /** The app's draft document as the server holds it. */
    public static JsonNode document(ApiClient api, String app) {
        var draft = api.get("/api/v1/apps/" + app + "/document");
        Assertions.assertThat(draft.status()).as(draft.body()).isEqualTo(200);
        return draft.json().get("document");
    }

    /** Saves the app's draft document over whatever version it has. */
    public static void saveDocument(ApiClient api, String app, String document) {
        var draft = api.get("/api/v1/apps/" + app + "/document");
        Assertions.assertThat(draft.status()).as(draft.body()).isEqualTo(200);
        var saved = api.send("PUT", "/api/v1/apps/" + app + "/document", "{\"version\":"
                + draft.json().get("version").asInt() + ",\"document\":" + document + "}");
        Assertions.assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }
}
