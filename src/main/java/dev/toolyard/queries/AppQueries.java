package dev.toolyard.queries;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.resources.Resource;
import dev.toolyard.resources.ResourceManagement;
import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.FieldProblem;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.ResourceId;

/**
 * The queries of an app (T-AP2) under T-A5: Use on the app reads and runs them, whatever the
 * resource; creating, saving, renaming or deleting one takes Edit on the app and Use on the
 * query's resource (on the old and the new one when a save moves it). An app the caller may not
 * use, a resource they may not use, and anything of another space are "not found".
 */
@Service
public class AppQueries {

    private final AppQueryRepository repository;
    private final AppAccess apps;
    private final ResourceManagement resources;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AppQueries(AppQueryRepository repository, AppAccess apps, ResourceManagement resources,
            ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.apps = apps;
        this.resources = resources;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<AppQuery> list(Caller caller, AppId app) {
        caller.requireScope(ApiScope.APPS_READ);
        apps.requireUse(caller, app);
        return repository.ofApp(caller.spaceId(), app);
    }

    @Transactional(readOnly = true)
    public AppQuery get(Caller caller, AppId app, QueryId id) {
        caller.requireScope(ApiScope.APPS_READ);
        apps.requireUse(caller, app);
        return find(caller, app, id);
    }

    @Transactional
    public AppQuery create(Caller caller, AppId app, QueryDraft draft) {
        caller.requireScope(ApiScope.APPS_WRITE);
        apps.requireEdit(caller, app);
        var resource = usableResource(caller, draft.resourceId());
        var rules = new QueryRules();
        String name = rules.name("name", draft.name());
        var fields = rules.fields(resource.kind(), draft.fields());
        var limits = rules.limits(draft.timeoutSeconds(), draft.maxRows(), draft.maxBytes());
        rules.check();
        requireFreeName(app, name, null);
        var now = clock.instant();
        var query = new AppQuery(QueryId.random(), app, name, resource.id(), resource.kind(), fields, limits, 1, now, now);
        repository.insert(caller.spaceId(), query);
        events.publishEvent(new QueryChanged(caller, "query.created", "query", query.id(), query.name(), null,
                state(query)));
        return query;
    }

    /**
     * Replaces the query's name, resource, fields and limits and counts its version up. When
     * {@code expectedVersion} is given and another save came first, nothing changes and the
     * caller gets {@code query.version_conflict}.
     */
    @Transactional
    public AppQuery save(Caller caller, AppId app, QueryId id, QueryDraft draft, Integer expectedVersion) {
        caller.requireScope(ApiScope.APPS_WRITE);
        apps.requireEdit(caller, app);
        var before = repository.findForUpdate(caller.spaceId(), app, id).orElseThrow(() -> notFound(id));
        usableResource(caller, before.resourceId());
        var resource = usableResource(caller, draft.resourceId());
        if (expectedVersion != null && expectedVersion != before.version()) {
            throw new ConflictException("query.version_conflict", "The query '" + before.name() + "' was saved by "
                    + "someone else since version " + expectedVersion + "; it is at version " + before.version() + ".",
                    new FieldProblem("version", "query.version_conflict", "is not the current version"));
        }
        var rules = new QueryRules();
        String name = rules.name("name", draft.name());
        var fields = rules.fields(resource.kind(), draft.fields());
        var limits = rules.limits(draft.timeoutSeconds(), draft.maxRows(), draft.maxBytes());
        rules.check();
        requireFreeName(app, name, id);
        var saved = new AppQuery(id, app, name, resource.id(), resource.kind(), fields, limits, before.version() + 1,
                before.createdAt(), clock.instant());
        repository.update(saved);
        events.publishEvent(new QueryChanged(caller, "query.saved", "query", id, saved.name(), state(before),
                state(saved)));
        return saved;
    }

    @Transactional
    public void delete(Caller caller, AppId app, QueryId id) {
        caller.requireScope(ApiScope.APPS_WRITE);
        apps.requireEdit(caller, app);
        var query = repository.findForUpdate(caller.spaceId(), app, id).orElseThrow(() -> notFound(id));
        usableResource(caller, query.resourceId());
        repository.delete(id);
        events.publishEvent(new QueryChanged(caller, "query.deleted", "query", id, query.name(), state(query), null));
    }

    /**
     * T-A5: what the run endpoint needs to run one of the app's queries. Use on the app is
     * enough; the caller need not be allowed to use the resource. One read and no transaction
     * around it, which would cost a round trip of its own on every run.
     */
    public RunnableQuery forRun(Caller caller, AppId app, QueryId id) {
        caller.requireScope(ApiScope.APPS_READ);
        apps.requireUse(caller, app);
        var query = find(caller, app, id);
        return new RunnableQuery(caller.spaceId(), query.id(), app, null, null, null, query.name(), query.resourceId(),
                query.resourceKind(), query.fields(), List.of(), query.limits());
    }

    private AppQuery find(Caller caller, AppId app, QueryId id) {
        return repository.find(caller.spaceId(), app, id).orElseThrow(() -> notFound(id));
    }

    /** T-A5: a resource the caller may not use is "not found" to them, as everywhere. */
    private Resource usableResource(Caller caller, ResourceId id) {
        if (id == null) {
            throw InvalidInputException.of("resourceId", "field.required", "resourceId must name a resource");
        }
        return resources.resource(caller, id);
    }

    private void requireFreeName(AppId app, String name, QueryId self) {
        repository.lockNames(app);
        if (repository.nameTaken(app, name, self == null ? null : self.value())) {
            throw new ConflictException("query.name_taken", "The app already has a query named '" + name + "'.",
                    new FieldProblem("name", "query.name_taken", "is already taken"));
        }
    }

    private static NotFoundException notFound(QueryId id) {
        return new NotFoundException("query.not_found", "There is no query " + id + " in this app.");
    }

    static Map<String, Object> state(AppQuery query) {
        var state = new LinkedHashMap<String, Object>();
        state.put("name", query.name());
        state.put("resource", query.resourceId().toString());
        state.put("fields", QueryJson.fieldMaps(query.fields()));
        state.put("timeoutSeconds", query.limits().timeout().toSeconds());
        state.put("maxRows", query.limits().maxRows());
        state.put("maxBytes", query.limits().maxBytes());
        state.put("version", query.version());
        return state;
    }
}
