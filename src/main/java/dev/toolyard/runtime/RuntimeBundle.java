package dev.toolyard.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Everything the page of an app needs, in one answer: the app, the release it runs (null for the
 * draft), its document, its queries with what the browser sends to run them, current_user
 * (T-CU1), the modules the document embeds, directly or not, by key (T-M1), and the theme it
 * wears (T-TH1: read at every load, never frozen in a release).
 */
public record RuntimeBundle(AppRef app, ReleaseRef release, JsonNode document, List<RuntimeQuery> queries,
        Map<String, Object> currentUser, Map<String, ModuleBundle> modules, RuntimeTheme theme) {

    public RuntimeBundle {
        queries = List.copyOf(queries);
        modules = Collections.unmodifiableMap(new LinkedHashMap<>(modules));
    }

    /**
     * A module as the caller runs it inside this app: its key is {@code <moduleId>@<version>} for
     * a pinned release, {@code <moduleId>@live} or {@code <moduleId>@latest} (the draft) otherwise.
     */
    public record ModuleBundle(AppRef app, ReleaseRef release, JsonNode document, List<RuntimeQuery> queries) {

        public ModuleBundle {
            queries = List.copyOf(queries);
        }
    }

    public record AppRef(String id, String name) {
    }

    public record ReleaseRef(String version, boolean live) {
    }

    /** {@code mode} light or dark; {@code tokens} by the names of docs/components.md. */
    public record RuntimeTheme(String id, String name, String mode, Map<String, Object> tokens) {
    }

    /**
     * A query the app may run: {@code kind} app or import; {@code expressions} the {{ }} texts the
     * browser evaluates and sends as values; {@code stateNames} the app state the server needs for
     * expressions that mix current_user with it.
     */
    public record RuntimeQuery(String name, String kind, String id, String runUrl, List<String> expressions,
            List<String> stateNames) {

        public RuntimeQuery {
            expressions = List.copyOf(expressions);
            stateNames = List.copyOf(stateNames);
        }
    }
}
