package dev.toolyard.apps;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.access.AccessLevel;
import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.FieldProblem;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.TooLargeException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An app's draft document (T-AP2): read and saved with Edit on the app. A save is validated
 * against the document contract and the component catalog and stored canonical; a stale
 * version, an invalid or an oversized document change nothing (T-SEC4).
 */
@Service
public class AppDocuments {

    /** T-AP2: the canonical JSON of a document is at most this many bytes (UTF-8). */
    public static final int MAX_BYTES = 512 * 1024;

    /** Documents are written by a mapper of their own, so no global setting can reorder keys. */
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final AppDocumentRepository repository;
    private final AppRepository apps;
    private final AppLevels levels;
    private final DocumentValidator validator;
    private final AppQueryNames queryNames;
    private final AppThemes themes;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AppDocuments(AppDocumentRepository repository, AppRepository apps, AppLevels levels, DocumentValidator validator,
            AppQueryNames queryNames, AppThemes themes, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.apps = apps;
        this.levels = levels;
        this.validator = validator;
        this.queryNames = queryNames;
        this.themes = themes;
        this.events = events;
        this.clock = clock;
    }

    /** The one-page empty document a new app starts with; a module's also declares nothing yet. */
    static ObjectNode empty(AppKind kind) {
        var nodes = JsonNodeFactory.instance;
        var document = nodes.objectNode();
        document.put("schemaVersion", DocumentValidator.SCHEMA_VERSION);
        var page = document.putArray("pages").addObject();
        page.put("id", "page1");
        page.put("title", "Page 1");
        page.putArray("components");
        document.putArray("queries");
        document.putArray("transformers");
        document.putArray("state");
        document.putObject("settings").putNull("theme");
        if (kind == AppKind.MODULE) {
            var module = document.putObject("module");
            module.putArray("inputs");
            module.putArray("outputs");
            module.putArray("events");
        }
        return document;
    }

    static String canonicalText(JsonNode document) {
        return JSON.writeValueAsString(document);
    }

    @Transactional(readOnly = true)
    public DocumentDraft draft(Caller caller, AppId app) {
        caller.requireScope(ApiScope.APPS_READ);
        levels.require(caller, app, AccessLevel.EDIT, "read its draft");
        var stored = repository.find(caller.spaceId(), app).orElseThrow(() -> AppLevels.notFound(app));
        return new DocumentDraft(app, stored.version(), JSON.readTree(stored.text()), stored.updatedBy(),
                stored.updatedAt());
    }

    /**
     * Saves {@code document} as the new draft when {@code expectedVersion} is the current one.
     * Returns the canonical document under its new version.
     */
    @Transactional
    public DocumentDraft save(Caller caller, AppId app, Integer expectedVersion, JsonNode document) {
        caller.requireScope(ApiScope.APPS_WRITE);
        levels.require(caller, app, AccessLevel.EDIT, "change it");
        if (expectedVersion == null) {
            throw InvalidInputException.of("version", "field.required", "version must name the draft version the "
                    + "document was based on");
        }
        if (document == null || document.isNull() || document.isMissingNode()) {
            throw InvalidInputException.of("document", "field.required", "document is required");
        }
        var before = repository.findForUpdate(caller.spaceId(), app).orElseThrow(() -> AppLevels.notFound(app));
        if (expectedVersion != before.version()) {
            throw new ConflictException("app.document_version_conflict", "The document was saved by someone else "
                    + "since version " + expectedVersion + "; it is at version " + before.version() + ".",
                    new FieldProblem("version", "app.document_version_conflict", "is not the current version"));
        }
        var kind = apps.app(caller.spaceId(), app).map(App::kind).orElseThrow(() -> AppLevels.notFound(app));
        // A theme deleted since the draft named it stays acceptable: the runtime shows the default
        // instead, and the builder's next save must not fail over a choice someone else undid.
        var saved = JSON.readTree(before.text()).path("settings").path("theme");
        String savedTheme = saved.isString() ? saved.asString() : null;
        var canonical = validator.validate(document, new DocumentValidator.Subject(caller.spaceId(), app, kind,
                queryNames.namesOf(caller.spaceId(), app),
                theme -> theme.equals(savedTheme) || themes.isThemeOf(caller.spaceId(), theme)));
        String text = canonicalText(canonical);
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new TooLargeException("app.document_too_large", "The document is " + bytes + " bytes of canonical "
                    + "JSON; at most " + MAX_BYTES + " (512 KiB) are allowed.");
        }
        var now = clock.instant();
        int version = before.version() + 1;
        repository.update(app, text, version, caller, now);
        String name = apps.app(caller.spaceId(), app).map(App::name).orElseThrow(() -> AppLevels.notFound(app));
        events.publishEvent(new AppChanged(caller, "app.document_saved", "app", app, name,
                summary(before.version(), before.text()), summary(version, text)));
        return new DocumentDraft(app, version, canonical, caller.label(), now);
    }

    /** Audit entries name the version, size and hash of a document, not its whole text. */
    static Map<String, Object> summary(int version, String text) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put("version", version);
        summary.put("bytes", text.getBytes(StandardCharsets.UTF_8).length);
        summary.put("sha256", sha256(text));
        return summary;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
