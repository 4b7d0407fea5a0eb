package dev.toolyard.apps;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.access.AccessLevel;
import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.NotFoundException;
import tools.jackson.databind.JsonNode;

/**
 * Modules as their users see them (T-M1): a module's declaration for the editor, and the modules
 * a document embeds, resolved for the caller, for the runtime. Access is the module's own: Use to
 * see its declaration or run it inside an app, Edit to get its draft.
 */
@Service
public class Modules {

    /** Key suffix of an unpinned embedding resolved to the module's draft (an editor's preview). */
    public static final String DRAFT = AppReleases.LATEST;
    /** Key suffix of an unpinned embedding resolved to the module's live document. */
    public static final String LIVE = AppReleases.LIVE;

    /**
     * A module an embedding resolved to: {@code key} is {@code <moduleId>@<version>} for a pinned
     * release, {@code <moduleId>@live} or {@code <moduleId>@latest} (its draft) for an unpinned one.
     */
    public record Embedded(String key, App module, ResolvedDocument resolved) {
    }

    private final AppRepository apps;
    private final AppDocumentRepository documents;
    private final AppLevels levels;
    private final AppReleases releases;

    Modules(AppRepository apps, AppDocumentRepository documents, AppLevels levels, AppReleases releases) {
        this.apps = apps;
        this.documents = documents;
        this.levels = levels;
        this.releases = releases;
    }

    /** The declaration of the module's document the selector names (see {@link AppReleases#resolve}); Use. */
    @Transactional(readOnly = true)
    public ModuleDeclaration declaration(Caller caller, AppId module, String selector) {
        caller.requireScope(ApiScope.APPS_READ);
        var resolved = releases.resolve(caller, module, selector);
        if (apps.app(caller.spaceId(), module).filter(App::module).isEmpty()) {
            throw new NotFoundException("app.not_a_module", "The app " + module + " is not a module.");
        }
        return ModuleDeclaration.of(resolved.document());
    }

    /**
     * Every module {@code document} embeds, directly or through other modules, as the caller gets
     * it: a pinned embedding gets that release; an unpinned one the module's live document, or its
     * draft when {@code drafts} (the app is opened at {@code latest}) and the caller has Edit on
     * the module. A module the caller may not use, or a release that does not exist, is left out.
     */
    @Transactional(readOnly = true)
    public List<Embedded> embeddedIn(Caller caller, JsonNode document, boolean drafts) {
        caller.requireScope(ApiScope.APPS_READ);
        var found = new ArrayList<Embedded>();
        var seen = new HashSet<String>();
        var pending = new ArrayDeque<JsonNode>(List.of(document));
        while (!pending.isEmpty()) {
            for (var embedding : ModuleReferences.embeddings(pending.poll())) {
                var resolved = resolve(caller, embedding, drafts, seen);
                resolved.ifPresent(module -> {
                    found.add(module);
                    pending.add(module.resolved().document());
                });
            }
        }
        return found;
    }

    private Optional<Embedded> resolve(Caller caller, ModuleReferences.Embedding embedding, boolean drafts,
            Set<String> seen) {
        var id = ModuleReferences.appId(embedding.module());
        if (id.isEmpty()) {
            return Optional.empty();
        }
        var module = apps.app(caller.spaceId(), id.get()).filter(App::module);
        var level = module.isEmpty() ? Optional.<AccessLevel>empty() : levels.find(caller, id.get());
        if (level.isEmpty()) {
            return Optional.empty();
        }
        var space = caller.spaceId();
        String key;
        ResolvedDocument resolved;
        if (embedding.version() != null) {
            key = id.get() + "@" + embedding.version();
            if (seen.contains(key)) {
                return Optional.empty();
            }
            var release = documents.release(space, id.get(), embedding.version());
            if (release.isEmpty()) {
                return Optional.empty();
            }
            resolved = new ResolvedDocument(id.get(), embedding.version(), release.get().release().live(),
                    AppDocuments.JSON.readTree(release.get().text()));
        } else if (drafts && level.get().atLeast(AccessLevel.EDIT)) {
            key = id.get() + "@" + DRAFT;
            if (seen.contains(key)) {
                return Optional.empty();
            }
            var draft = documents.find(space, id.get()).orElseThrow(() -> AppLevels.notFound(id.get()));
            resolved = new ResolvedDocument(id.get(), null, documents.liveVersion(space, id.get()).isEmpty(),
                    AppDocuments.JSON.readTree(draft.text()));
        } else {
            key = id.get() + "@" + LIVE;
            if (seen.contains(key)) {
                return Optional.empty();
            }
            var live = documents.live(space, id.get());
            if (live.isPresent()) {
                resolved = new ResolvedDocument(id.get(), live.get().release().version(), true,
                        AppDocuments.JSON.readTree(live.get().text()));
            } else {
                var draft = documents.find(space, id.get()).orElseThrow(() -> AppLevels.notFound(id.get()));
                resolved = new ResolvedDocument(id.get(), null, true, AppDocuments.JSON.readTree(draft.text()));
            }
        }
        seen.add(key);
        return Optional.of(new Embedded(key, module.get(), resolved));
    }
}
