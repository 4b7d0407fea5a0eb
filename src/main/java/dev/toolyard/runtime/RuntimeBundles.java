package dev.toolyard.runtime;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;

import dev.toolyard.apps.AppManagement;
import dev.toolyard.apps.AppReleases;
import dev.toolyard.apps.Modules;
import dev.toolyard.apps.ResolvedDocument;
import dev.toolyard.queries.AppQueryInputs;
import dev.toolyard.queries.CurrentUsers;
import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.themes.Themes;
import tools.jackson.databind.JsonNode;

/**
 * Builds the {@link RuntimeBundle} of an app for a caller. Every decision is the owning module's:
 * Use on the app (apps), which release the selector may open (apps' releases), which modules it
 * embeds and which of them the caller gets (apps' modules), the queries that release runs
 * (queries), the theme the document names or the space's default (themes). This only assembles.
 */
@Service
public class RuntimeBundles {

    private final AppManagement apps;
    private final AppReleases releases;
    private final AppQueryInputs queryInputs;
    private final CurrentUsers currentUsers;
    private final Modules modules;
    private final Themes themes;

    RuntimeBundles(AppManagement apps, AppReleases releases, AppQueryInputs queryInputs, CurrentUsers currentUsers,
            Modules modules, Themes themes) {
        this.apps = apps;
        this.modules = modules;
        this.releases = releases;
        this.queryInputs = queryInputs;
        this.currentUsers = currentUsers;
        this.themes = themes;
    }

    /** @param selector absent or {@code live}, {@code latest}, or a version (see {@link AppReleases#resolve}) */
    public RuntimeBundle bundle(Caller caller, AppId appId, String selector) {
        caller.requireScope(ApiScope.APPS_READ);
        var app = apps.app(caller, appId).app();
        var resolved = releases.resolve(caller, appId, selector);
        var release = resolved.release() == null ? null
                : new RuntimeBundle.ReleaseRef(resolved.release(), resolved.live());
        boolean drafts = selector != null && AppReleases.LATEST.equals(selector.strip());
        var embedded = new LinkedHashMap<String, RuntimeBundle.ModuleBundle>();
        for (var module : modules.embeddedIn(caller, resolved.document(), drafts)) {
            var moduleDocument = module.resolved();
            embedded.put(module.key(), new RuntimeBundle.ModuleBundle(
                    new RuntimeBundle.AppRef(module.module().id().toString(), module.module().name()),
                    moduleDocument.release() == null ? null
                            : new RuntimeBundle.ReleaseRef(moduleDocument.release(), moduleDocument.live()),
                    moduleDocument.document(), queries(caller, module.module().id(), moduleDocument)));
        }
        var named = resolved.document().path("settings").path("theme");
        var theme = themes.forApp(caller.spaceId(), named.isString() ? named.asString() : null);
        return new RuntimeBundle(new RuntimeBundle.AppRef(app.id().toString(), app.name()), release,
                resolved.document(), queries(caller, appId, resolved), currentUsers.of(caller).asMap(), embedded,
                new RuntimeBundle.RuntimeTheme(theme.id().toString(), theme.name(), theme.mode().value(),
                        theme.tokens().asMap()));
    }

    /** The queries of an app's or a module's resolved document, run on that app's own endpoints. */
    private List<RuntimeBundle.RuntimeQuery> queries(Caller caller, AppId appId, ResolvedDocument resolved) {
        var inputs = queryInputs.of(caller, appId, resolved.release());
        var scope = scopeNames(resolved.document());
        inputs.forEach(input -> scope.add(input.name()));
        String base = "/api/v1/apps/" + appId + "/";
        var queries = new ArrayList<RuntimeBundle.RuntimeQuery>(inputs.size());
        for (var input : inputs) {
            String runUrl = base + ("app".equals(input.kind()) ? "queries/" : "library-imports/") + input.id() + "/run";
            queries.add(new RuntimeBundle.RuntimeQuery(input.name(), input.kind(), input.id(), runUrl,
                    input.expressions(), input.stateNames().stream().filter(scope::contains).toList()));
        }
        return queries;
    }

    /**
     * The names the document defines (components, state, transformers); the caller adds the
     * queries. A name an expression reads that is none of them (an arrow function's parameter) is
     * no app state to send.
     */
    private static Set<String> scopeNames(JsonNode document) {
        var names = new HashSet<String>();
        for (var page : document.path("pages")) {
            collectComponents(page.path("components"), names);
        }
        for (var transformer : document.path("transformers")) {
            names.add(transformer.path("name").asString(""));
        }
        for (var state : document.path("state")) {
            names.add(state.path("name").asString(""));
        }
        for (var input : document.path("module").path("inputs")) {
            names.add(input.path("name").asString(""));
        }
        return names;
    }

    private static void collectComponents(JsonNode components, Set<String> names) {
        for (var component : components) {
            names.add(component.path("id").asString(""));
            collectComponents(component.path("children"), names);
        }
    }
}
