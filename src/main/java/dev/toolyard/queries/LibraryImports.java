package dev.toolyard.queries;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.FieldProblem;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.NotFoundException;

/**
 * Library queries imported into apps by reference (T-Q1): pinned to a version, or following the
 * latest. Importing or changing a pin takes Edit on the app and Use on the library query;
 * removing an import takes Edit on the app only, so an app is never stuck with a query it may
 * no longer see. Running an import takes Use on the app, as for the app's own queries (T-A5).
 */
@Service
public class LibraryImports {

    private final LibraryRepository repository;
    private final AppQueryRepository names;
    private final LibraryAccess library;
    private final AppAccess apps;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    LibraryImports(LibraryRepository repository, AppQueryRepository names, LibraryAccess library, AppAccess apps,
            ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.names = names;
        this.library = library;
        this.apps = apps;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<LibraryImport> list(Caller caller, AppId app) {
        caller.requireScope(ApiScope.APPS_READ);
        apps.requireUse(caller, app);
        return repository.importsOfApp(caller.spaceId(), app);
    }

    /**
     * Imports the library query under {@code name} (its library name when null), pinned to
     * {@code version} or following the latest when null.
     */
    @Transactional
    public LibraryImport add(Caller caller, AppId app, LibraryQueryId query, Integer version, String name) {
        caller.requireScope(ApiScope.APPS_WRITE);
        apps.requireEdit(caller, app);
        if (query == null) {
            throw InvalidInputException.of("libraryQueryId", "field.required", "libraryQueryId must name a library query");
        }
        var reached = library.usable(caller, query, false);
        var rules = new QueryRules();
        String importName = rules.name("name", name == null ? reached.query().name() : name);
        requireVersion(rules, reached.query(), version);
        rules.check();
        requireFreeName(app, importName, null);
        var id = LibraryImportId.random();
        repository.insertImport(caller.spaceId(), id, app, query, importName, version, clock.instant());
        var added = find(caller, app, id);
        events.publishEvent(new QueryChanged(caller, "library_import.created", "library_import", id, importName, null,
                state(added)));
        return added;
    }

    /** Changes the pin (null: follow the latest) and, when {@code name} is given, the name in the app. */
    @Transactional
    public LibraryImport change(Caller caller, AppId app, LibraryImportId id, Integer version, String name) {
        caller.requireScope(ApiScope.APPS_WRITE);
        apps.requireEdit(caller, app);
        var before = find(caller, app, id);
        var reached = library.usable(caller, before.queryId(), false);
        var rules = new QueryRules();
        String importName = name == null ? before.name() : rules.name("name", name);
        requireVersion(rules, reached.query(), version);
        rules.check();
        requireFreeName(app, importName, id);
        repository.updateImport(id, importName, version, clock.instant());
        var changed = find(caller, app, id);
        events.publishEvent(new QueryChanged(caller, "library_import.changed", "library_import", id, importName,
                state(before), state(changed)));
        return changed;
    }

    @Transactional
    public void remove(Caller caller, AppId app, LibraryImportId id) {
        caller.requireScope(ApiScope.APPS_WRITE);
        apps.requireEdit(caller, app);
        var removed = find(caller, app, id);
        repository.deleteImport(id);
        events.publishEvent(new QueryChanged(caller, "library_import.deleted", "library_import", id, removed.name(),
                state(removed), null));
    }

    /**
     * What the run endpoint needs to run an app's import: the pinned version, or the latest at
     * this moment. Use on the app is enough, as for the app's own queries (T-A5).
     */
    @Transactional(readOnly = true)
    public RunnableQuery importForRun(Caller caller, AppId app, LibraryImportId id) {
        caller.requireScope(ApiScope.APPS_READ);
        apps.requireUse(caller, app);
        var imported = find(caller, app, id);
        int number = imported.resolvedVersion();
        var version = repository.version(imported.queryId(), number)
                .orElseThrow(() -> QueryLibrary.versionNotFound(imported.queryId(), number));
        return new RunnableQuery(caller.spaceId(), null, app, id, imported.queryId(), number, imported.name(),
                version.resourceId(), version.resourceKind(), version.fields(), version.parameters(), version.limits());
    }

    private LibraryImport find(Caller caller, AppId app, LibraryImportId id) {
        return repository.findImport(caller.spaceId(), app, id)
                .orElseThrow(() -> new NotFoundException("library_import.not_found", "There is no import " + id
                        + " in this app."));
    }

    private static void requireVersion(QueryRules rules, LibraryQuery query, Integer version) {
        if (version != null && (version < 1 || version > query.latestVersion())) {
            rules.problem("version", "library_import.unknown_version",
                    "must be a published version of '" + query.name() + "' (1 to " + query.latestVersion()
                            + "), or null to follow the latest");
        }
    }

    private void requireFreeName(AppId app, String name, LibraryImportId self) {
        names.lockNames(app);
        if (names.nameTaken(app, name, self == null ? null : self.value())) {
            throw new ConflictException("query.name_taken", "The app already has a query named '" + name + "'.",
                    new FieldProblem("name", "query.name_taken", "is already taken"));
        }
    }

    private static Map<String, Object> state(LibraryImport imported) {
        var state = new LinkedHashMap<String, Object>();
        state.put("app", imported.appId().toString());
        state.put("libraryQuery", imported.queryId().toString());
        state.put("name", imported.name());
        state.put("pinnedVersion", imported.pinnedVersion());
        return state;
    }
}
