package dev.toolyard.testing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.microsoft.playwright.Page;

/**
 * Drives an app's sandboxed frame (/run/{id}/frame) without its shell: hands it a bundle the way
 * the shell does, by an {@code init} message with the component catalog, so a test can give it a
 * document the server would refuse to store.
 */
public final class AppFrames {

    private AppFrames() {
    }

    /** Initialises the frame open in {@code page} with {@code bundle} (JSON) and waits until it is ready. */
    public static void init(Page page, String bundle) {
        page.evaluate("([bundle, catalog]) => window.postMessage({type: 'init', bundle: JSON.parse(bundle), "
                + "catalog: JSON.parse(catalog), params: {}, page: null}, '*')", List.of(bundle, catalog()));
        assertThat(page.locator("body")).hasAttribute("data-ready", "true");
    }

    private static String catalog() {
        try (InputStream in = AppFrames.class.getResourceAsStream("/static/runtime/catalog.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
