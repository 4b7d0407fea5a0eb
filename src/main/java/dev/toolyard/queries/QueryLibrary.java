package dev.toolyard.queries;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.access.GroupId;
import dev.toolyard.access.PermissionGroup;
import dev.toolyard.access.PermissionGroups;
import dev.toolyard.apps.AppManagement;
import dev.toolyard.resources.Resource;
import dev.toolyard.resources.ResourceManagement;
import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.FieldProblem;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.Page;
import dev.toolyard.shared.PageRequest;
import dev.toolyard.shared.ResourceId;

/**
 * The query library of a space (T-Q1): shared queries with declared parameters, immutable
 * versions and permissions of their own ({@link LibraryAccess}). Creating one publishes version
 * 1; publishing adds version n+1; nothing changes a version once published. Creating and
 * publishing also take Use on the resource (T-A5), and a creator who is not an admin must give
 * Edit to a group they belong to, so a team can own a query and keep it closed to others.
 */
@Service
public class QueryLibrary {

    /** A new library query with its first version; {@code grants} by group. */
    public record Draft(String name, String description, boolean openToLibrary, Map<GroupId, LibraryLevel> grants,
            VersionDraft version) {
    }

    /** Changes to a library query's name, description, openness or grants; null leaves a part as it is. */
    public record Change(String name, String description, Boolean openToLibrary, Map<GroupId, LibraryLevel> grants) {
    }

    /** A library query as its page shows it: the caller's rights, grants, every version and the latest in full. */
    public record Detail(LibraryQuery query, boolean mayEdit, List<LibraryGrant> grants, List<VersionSummary> versions,
            LibraryVersion latest) {
    }

    /** A version in the list of versions: who published it, when, and why. */
    public record VersionSummary(int version, String notes, Instant publishedAt, String publishedBy) {
    }

    /** The apps importing a library query that the caller may see, and how many others do. */
    public record Usage(List<Use> uses, int hiddenApps) {
    }

    /** One import: the app, the name the query has there and its pin (null: follows the latest). */
    public record Use(AppId appId, String appName, LibraryImportId importId, String name, Integer pinnedVersion) {
    }

    /** A group a person may grant rights to in the console; {@code member}: they belong to it. */
    public record GroupChoice(GroupId id, String name, boolean member) {
    }

    private final LibraryRepository repository;
    private final ReleasedQueryRepository released;
    private final LibraryAccess access;
    private final ResourceManagement resources;
    private final PermissionGroups groups;
    private final AppManagement apps;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    QueryLibrary(LibraryRepository repository, ReleasedQueryRepository released, LibraryAccess access, ResourceManagement resources,
            PermissionGroups groups, AppManagement apps, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.released = released;
        this.access = access;
        this.resources = resources;
        this.groups = groups;
        this.apps = apps;
        this.events = events;
        this.clock = clock;
    }

    /** T-A6: whether the caller may open the library at all (the navigation asks). */
    public boolean mayOpen(Caller caller) {
        return access.mayOpen(caller);
    }

    /** The library queries the caller may use, by name; {@code search} matches name or description. */
    @Transactional(readOnly = true)
    public Page<LibraryQuery> page(Caller caller, String search, PageRequest request) {
        caller.requireScope(ApiScope.QUERY_LIBRARY_READ);
        access.requireLibrary(caller);
        var after = request.after(2);
        UUID afterId = null;
        if (!after.isEmpty()) {
            try {
                afterId = UUID.fromString(after.get(1));
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.of("cursor", "request.invalid_cursor", "cursor is not one this API gave out");
            }
        }
        String term = search == null || search.isBlank() ? null : search.strip();
        var rows = repository.page(caller.spaceId(), caller.spaceAdmin(), access.groups(caller), term,
                after.isEmpty() ? null : after.get(0), afterId, request.limit() + 1);
        if (rows.size() <= request.limit()) {
            return new Page<>(rows, null);
        }
        var items = rows.subList(0, request.limit());
        var last = items.get(items.size() - 1);
        return new Page<>(items, PageRequest.cursorOf(last.name().toLowerCase(Locale.ROOT), last.id().toString()));
    }

    @Transactional(readOnly = true)
    public Detail detail(Caller caller, LibraryQueryId id) {
        caller.requireScope(ApiScope.QUERY_LIBRARY_READ);
        var reached = access.usable(caller, id, false);
        return detailOf(caller, reached);
    }

    @Transactional(readOnly = true)
    public LibraryVersion version(Caller caller, LibraryQueryId id, int version) {
        caller.requireScope(ApiScope.QUERY_LIBRARY_READ);
        access.usable(caller, id, false);
        return repository.version(id, version).orElseThrow(() -> versionNotFound(id, version));
    }

    @Transactional
    public Detail create(Caller caller, Draft draft) {
        caller.requireScope(ApiScope.QUERY_LIBRARY_WRITE);
        access.requireLibrary(caller);
        var wanted = knownGroups(caller, draft.grants());
        var content = draft.version();
        var resource = usableResource(caller, content == null ? null : content.resourceId());
        var rules = new QueryRules();
        String name = rules.name("name", draft.name());
        String description = rules.text("description", draft.description(), QueryRules.MAX_DESCRIPTION);
        requireOwnEditGrant(caller, wanted, rules);
        var now = clock.instant();
        var id = LibraryQueryId.random();
        var version = validVersion(caller, rules, id, 1, resource, content, now);
        rules.check();
        var query = new LibraryQuery(id, name, description, draft.openToLibrary(), 1, now, now);
        if (!repository.insert(caller.spaceId(), query)) {
            throw nameTaken(name);
        }
        repository.replaceGrants(id, wanted);
        repository.insertVersion(version);
        var after = metadata(query, wanted);
        after.put("version", versionState(version));
        events.publishEvent(new QueryChanged(caller, "library_query.created", "library_query", id, name, null, after));
        return detailOf(caller, access.usable(caller, id, false));
    }

    /** Publishes version n+1; version n and all before it stay as they were. */
    @Transactional
    public LibraryVersion publish(Caller caller, LibraryQueryId id, VersionDraft draft) {
        caller.requireScope(ApiScope.QUERY_LIBRARY_WRITE);
        var reached = access.editable(caller, id);
        var resource = usableResource(caller, draft.resourceId());
        int latest = reached.query().latestVersion();
        if (draft.basedOn() != null && draft.basedOn() != latest) {
            throw new ConflictException("library_query.version_conflict", "Version " + latest + " of '"
                    + reached.query().name() + "' was published after version " + draft.basedOn() + ".",
                    new FieldProblem("basedOn", "library_query.version_conflict", "is not the latest version"));
        }
        var rules = new QueryRules();
        var now = clock.instant();
        var version = validVersion(caller, rules, id, latest + 1, resource, draft, now);
        rules.check();
        repository.setLatestVersion(id, version.version(), now);
        repository.insertVersion(version);
        events.publishEvent(new QueryChanged(caller, "library_query.published", "library_query", id,
                reached.query().name(), Map.of("latestVersion", latest), versionState(version)));
        return version;
    }

    /** Name, description, openness and grants; the caller needs Edit on the query. */
    @Transactional
    public Detail change(Caller caller, LibraryQueryId id, Change change) {
        caller.requireScope(ApiScope.QUERY_LIBRARY_WRITE);
        var reached = access.editable(caller, id);
        var wanted = change.grants() == null ? reached.grants() : knownGroups(caller, change.grants());
        var before = reached.query();
        var rules = new QueryRules();
        String name = change.name() == null ? before.name() : rules.name("name", change.name());
        String description = change.description() == null ? before.description()
                : rules.text("description", change.description(), QueryRules.MAX_DESCRIPTION);
        if (change.grants() != null) {
            requireOwnEditGrant(caller, wanted, rules);
        }
        rules.check();
        var changed = new LibraryQuery(id, name, description,
                change.openToLibrary() == null ? before.openToLibrary() : change.openToLibrary(),
                before.latestVersion(), before.createdAt(), clock.instant());
        if (!repository.update(changed)) {
            throw nameTaken(name);
        }
        if (change.grants() != null) {
            repository.replaceGrants(id, wanted);
        }
        events.publishEvent(new QueryChanged(caller, "library_query.changed", "library_query", id, name,
                metadata(before, reached.grants()), metadata(changed, wanted)));
        return detailOf(caller, access.usable(caller, id, false));
    }

    /** Deletes the query and all its versions; refused while an app imports it. */
    @Transactional
    public void delete(Caller caller, LibraryQueryId id) {
        caller.requireScope(ApiScope.QUERY_LIBRARY_WRITE);
        var reached = access.editable(caller, id);
        var imports = repository.importsOfQuery(caller.spaceId(), id);
        if (!imports.isEmpty()) {
            long apps = imports.stream().map(LibraryRepository.ImportLine::appId).distinct().count();
            throw new ConflictException("library_query.in_use", "The library query '" + reached.query().name()
                    + "' is imported by " + apps + (apps == 1 ? " app" : " apps")
                    + "; remove those imports first (its usage lists them).");
        }
        // T-R1: a release keeps running the version it froze, so its library query must stay.
        long releases = released.releasesUsingLibraryQuery(id);
        if (releases > 0) {
            throw new ConflictException("library_query.in_use", "The library query '" + reached.query().name()
                    + "' is frozen in " + releases + (releases == 1 ? " app release" : " app releases")
                    + ", which must keep running it.");
        }
        repository.delete(id);
        events.publishEvent(new QueryChanged(caller, "library_query.deleted", "library_query", id,
                reached.query().name(), metadata(reached.query(), reached.grants()), null));
    }

    /** The apps importing the query with their pins: those the caller may use by name, the others counted. */
    @Transactional(readOnly = true)
    public Usage usage(Caller caller, LibraryQueryId id) {
        caller.requireScope(ApiScope.QUERY_LIBRARY_READ);
        access.usable(caller, id, false);
        var visible = new HashMap<AppId, String>();
        apps.apps(caller, null).forEach(app -> visible.put(app.app().id(), app.app().name()));
        var uses = new ArrayList<Use>();
        var hidden = new HashSet<AppId>();
        for (var line : repository.importsOfQuery(caller.spaceId(), id)) {
            String appName = visible.get(line.appId());
            if (appName == null) {
                hidden.add(line.appId());
            } else {
                uses.add(new Use(line.appId(), appName, line.id(), line.name(), line.pinnedVersion()));
            }
        }
        uses.sort(Comparator.comparing((Use use) -> use.appName().toLowerCase(Locale.ROOT))
                .thenComparing(Use::name));
        return new Usage(uses, hidden.size());
    }

    /**
     * The groups a console form offers for grants: every group to admins; to others the groups
     * they belong to and those already granted on the query ({@code id} null for a new one).
     */
    @Transactional(readOnly = true)
    public List<GroupChoice> grantChoices(Caller caller, LibraryQueryId id) {
        caller.requireScope(ApiScope.QUERY_LIBRARY_READ);
        access.requireLibrary(caller);
        var granted = id == null ? Map.<GroupId, LibraryLevel>of() : access.usable(caller, id, false).grants();
        var mine = access.groups(caller);
        return groups.all(caller.spaceId()).stream()
                .filter(group -> caller.spaceAdmin() || mine.contains(group.id()) || granted.containsKey(group.id()))
                .map(group -> new GroupChoice(group.id(), group.name(), mine.contains(group.id())))
                .toList();
    }

    /**
     * What the run endpoint needs to run a library query from the library: the given version, or
     * the latest for null. Takes Use on the library query.
     */
    @Transactional(readOnly = true)
    public RunnableQuery libraryForRun(Caller caller, LibraryQueryId id, Integer version) {
        caller.requireScope(ApiScope.QUERY_LIBRARY_READ);
        var reached = access.usable(caller, id, false);
        int number = version == null ? reached.query().latestVersion() : version;
        var found = repository.version(id, number).orElseThrow(() -> versionNotFound(id, number));
        return new RunnableQuery(caller.spaceId(), null, null, null, id, number, reached.query().name(),
                found.resourceId(), found.resourceKind(), found.fields(), found.parameters(), found.limits());
    }

    private Detail detailOf(Caller caller, LibraryAccess.Reached reached) {
        var id = reached.query().id();
        var names = new HashMap<GroupId, String>();
        groups.all(caller.spaceId()).forEach(group -> names.put(group.id(), group.name()));
        var grants = reached.grants().entrySet().stream()
                .map(grant -> new LibraryGrant(grant.getKey(), names.get(grant.getKey()), grant.getValue()))
                .sorted(Comparator.comparing(grant -> grant.groupName().toLowerCase(Locale.ROOT)))
                .toList();
        var versions = repository.versions(id).stream()
                .map(line -> new VersionSummary(line.version(), line.notes(), line.publishedAt(), line.publishedBy()))
                .toList();
        var latest = repository.version(id, reached.query().latestVersion())
                .orElseThrow(() -> versionNotFound(id, reached.query().latestVersion()));
        return new Detail(reached.query(), reached.mayEdit(), grants, versions, latest);
    }

    private LibraryVersion validVersion(Caller caller, QueryRules rules, LibraryQueryId id, int number,
            Resource resource, VersionDraft draft, Instant now) {
        var fields = rules.fields(resource.kind(), draft.fields());
        var parameters = rules.parameters(draft.parameters());
        var limits = rules.limits(draft.timeoutSeconds(), draft.maxRows(), draft.maxBytes());
        String notes = rules.text("notes", draft.notes(), QueryRules.MAX_NOTES);
        return new LibraryVersion(id, number, resource.id(), resource.kind(), fields, parameters, limits, notes, now,
                caller.userId(), caller.label());
    }

    /**
     * Grants may name only groups of the caller's space; another space's group is as unknown as
     * one that never existed. Checked before anything else, so it answers the same whatever else
     * the request holds.
     */
    private Map<GroupId, LibraryLevel> knownGroups(Caller caller, Map<GroupId, LibraryLevel> wanted) {
        if (wanted == null || wanted.isEmpty()) {
            return Map.of();
        }
        var known = groups.all(caller.spaceId()).stream().map(PermissionGroup::id).collect(Collectors.toSet());
        var unknown = wanted.keySet().stream().filter(group -> !known.contains(group)).map(GroupId::toString).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("library_query.unknown_object", "These groups are not in this space: " + unknown,
                    List.of(new FieldProblem("grants", "library_query.unknown_object", "not in this space: " + unknown)));
        }
        var valid = new LinkedHashMap<GroupId, LibraryLevel>();
        wanted.forEach((group, level) -> {
            if (level == null) {
                throw InvalidInputException.of("grants", "field.required", "each grant must be USE or EDIT");
            }
            valid.put(group, level);
        });
        return valid;
    }

    /**
     * A person who is not an admin must keep Edit through a group they belong to: otherwise they
     * would make (or leave) a query no one of their team may change.
     */
    private void requireOwnEditGrant(Caller caller, Map<GroupId, LibraryLevel> grants, QueryRules rules) {
        if (caller.spaceAdmin()) {
            return;
        }
        var mine = access.groups(caller);
        boolean kept = grants.entrySet().stream()
                .anyMatch(grant -> grant.getValue() == LibraryLevel.EDIT && mine.contains(grant.getKey()));
        if (!kept) {
            rules.problem("grants", "library_query.edit_grant_required",
                    "must give Edit to a group you belong to, or no one of your team could change the query");
        }
    }

    /** T-A5: nobody writes a query on a resource they cannot use; such a resource is "not found". */
    private Resource usableResource(Caller caller, ResourceId id) {
        if (id == null) {
            throw InvalidInputException.of("resourceId", "field.required", "resourceId must name a resource");
        }
        return resources.resource(caller, id);
    }

    private static Map<String, Object> metadata(LibraryQuery query, Map<GroupId, LibraryLevel> grants) {
        var state = new LinkedHashMap<String, Object>();
        state.put("name", query.name());
        state.put("description", query.description());
        state.put("openToLibrary", query.openToLibrary());
        var grantState = new TreeMap<String, Object>();
        grants.forEach((group, level) -> grantState.put(group.toString(), level.name()));
        state.put("grants", grantState);
        return state;
    }

    private static Map<String, Object> versionState(LibraryVersion version) {
        var state = new LinkedHashMap<String, Object>();
        state.put("version", version.version());
        state.put("resource", version.resourceId().toString());
        state.put("fields", QueryJson.fieldMaps(version.fields()));
        state.put("parameters", QueryJson.parameterMaps(version.parameters()));
        state.put("timeoutSeconds", version.limits().timeout().toSeconds());
        state.put("maxRows", version.limits().maxRows());
        state.put("maxBytes", version.limits().maxBytes());
        state.put("notes", version.notes());
        return state;
    }

    private static ConflictException nameTaken(String name) {
        return new ConflictException("library_query.name_taken", "A library query named '" + name + "' already exists.",
                new FieldProblem("name", "library_query.name_taken", "is already taken"));
    }

    static NotFoundException versionNotFound(LibraryQueryId id, int version) {
        return new NotFoundException("library_query.version_not_found",
                "The library query " + id + " has no version " + version + ".");
    }
}
