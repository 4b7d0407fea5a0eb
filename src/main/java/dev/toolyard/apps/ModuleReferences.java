package dev.toolyard.apps;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.toolyard.shared.AppId;
import dev.toolyard.shared.SpaceId;
import tools.jackson.databind.JsonNode;

/**
 * What documents need to know about the modules they embed (T-M1), read from storage without a
 * caller: validation checks an embedding against the module's declaration whoever saves it, and
 * follows embeddings to refuse a module that embeds itself.
 */
@Component
class ModuleReferences {

    /** A {@code module} component of a document: the module's id and the pinned release, or null. */
    record Embedding(String module, String version) {
    }

    private final AppRepository apps;
    private final AppDocumentRepository documents;

    ModuleReferences(AppRepository apps, AppDocumentRepository documents) {
        this.apps = apps;
        this.documents = documents;
    }

    /** The module app of the space, if {@code id} names one. */
    Optional<App> module(SpaceId space, String id) {
        return appId(id).flatMap(app -> apps.app(space, app)).filter(App::module);
    }

    boolean hasRelease(SpaceId space, AppId module, String version) {
        return documents.release(space, module, version).isPresent();
    }

    /**
     * The declaration an embedding is checked against: the pinned release's, or for an unpinned
     * embedding the module's draft (the newest declaration, which editors see; end users get the
     * live one, and a binding the live release does not declare yet is ignored there).
     */
    Optional<ModuleDeclaration> declaration(SpaceId space, AppId module, String version) {
        return documentText(space, module, version).map(text -> ModuleDeclaration.of(AppDocuments.JSON.readTree(text)));
    }

    /**
     * Whether following the embeddings of {@code embedded} (any of the documents an unpinned
     * embedding may resolve to: draft and live release) reaches {@code target}.
     */
    boolean reaches(SpaceId space, Embedding embedded, AppId target) {
        var seen = new HashSet<Embedding>();
        var pending = new ArrayList<Embedding>(List.of(embedded));
        while (!pending.isEmpty()) {
            var next = pending.remove(pending.size() - 1);
            if (!seen.add(next)) {
                continue;
            }
            var id = appId(next.module());
            if (id.isEmpty()) {
                continue;
            }
            if (id.get().equals(target)) {
                return true;
            }
            for (String text : texts(space, id.get(), next.version())) {
                pending.addAll(embeddings(AppDocuments.JSON.readTree(text)));
            }
        }
        return false;
    }

    /** Every {@code module} component of a document, in document order (nested ones included). */
    static List<Embedding> embeddings(JsonNode document) {
        var found = new ArrayList<Embedding>();
        for (var page : document.path("pages")) {
            collect(page.path("components"), found);
        }
        return found;
    }

    private static void collect(JsonNode components, List<Embedding> found) {
        for (var component : components) {
            if ("module".equals(component.path("type").asString(""))) {
                var properties = component.path("properties");
                var version = properties.path("version");
                found.add(new Embedding(properties.path("module").asString(""),
                        version.isString() ? version.asString() : null));
            }
            collect(component.path("children"), found);
        }
    }

    private Optional<String> documentText(SpaceId space, AppId module, String version) {
        if (version != null) {
            return documents.release(space, module, version).map(AppDocumentRepository.StoredRelease::text);
        }
        return documents.find(space, module).map(AppDocumentRepository.Stored::text);
    }

    private Set<String> texts(SpaceId space, AppId module, String version) {
        var texts = new HashSet<String>();
        documentText(space, module, version).ifPresent(texts::add);
        if (version == null) {
            documents.live(space, module).ifPresent(live -> texts.add(live.text()));
        }
        return texts;
    }

    static Optional<AppId> appId(String id) {
        try {
            return Optional.of(new AppId(UUID.fromString(id)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
