package dev.toolyard.queries;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.toolyard.access.GroupId;
import dev.toolyard.resources.ResourceKind;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.Page;
import dev.toolyard.shared.PageRequest;
import dev.toolyard.shared.ResourceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** T-Q1 over the API: the space's query library, its versions, permissions and usage. */
@RestController
@RequestMapping(value = "/api/v1/query-library", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Query library")
class QueryLibraryApiController {

    private final QueryLibrary library;

    QueryLibraryApiController(QueryLibrary library) {
        this.library = library;
    }

    @GetMapping
    @Operation(summary = "The library queries you may use, by name; q searches name and description (library access; "
            + "scope query-library:read)")
    Page<LibraryQueryView> list(Caller caller, @RequestParam(required = false) String q,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "" + PageRequest.DEFAULT_LIMIT) int limit) {
        return library.page(caller, q, new PageRequest(cursor, limit)).map(LibraryQueryView::of);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a library query and publish its version 1 (library access, Use on the resource, Edit "
            + "granted to a group you belong to unless you are an admin; scopes query-library:write and resources:read)")
    ResponseEntity<DetailView> create(Caller caller, @RequestBody CreateRequest request) {
        var created = library.create(caller, new QueryLibrary.Draft(request.name(), request.description(),
                Boolean.TRUE.equals(request.openToLibrary()), grants(request.grants()), request.content()));
        return ResponseEntity.created(URI.create("/api/v1/query-library/" + created.query().id()))
                .body(DetailView.of(created));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A library query with its grants, every version and the latest in full (Use on it; scope "
            + "query-library:read)")
    DetailView get(Caller caller, @PathVariable UUID id) {
        return DetailView.of(library.detail(caller, new LibraryQueryId(id)));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change name, description, openness or grants; parts left out stay (Edit on it; scope "
            + "query-library:write)")
    DetailView change(Caller caller, @PathVariable UUID id, @RequestBody ChangeRequest request) {
        return DetailView.of(library.change(caller, new LibraryQueryId(id), new QueryLibrary.Change(request.name(),
                request.description(), request.openToLibrary(),
                request.grants() == null ? null : grants(request.grants()))));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a library query and its versions; refused while apps import it (Edit on it; scope "
            + "query-library:write)")
    void delete(Caller caller, @PathVariable UUID id) {
        library.delete(caller, new LibraryQueryId(id));
    }

    @PostMapping("/{id}/versions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Publish the next version; earlier ones stay as they were. With 'basedOn', a version published "
            + "since is a 409 library_query.version_conflict (Edit on it, Use on the resource; scopes "
            + "query-library:write and resources:read)")
    ResponseEntity<VersionView> publish(Caller caller, @PathVariable UUID id, @RequestBody PublishRequest request) {
        var version = library.publish(caller, new LibraryQueryId(id), request.content());
        return ResponseEntity.created(URI.create("/api/v1/query-library/" + id + "/versions/" + version.version()))
                .body(VersionView.of(version));
    }

    @GetMapping("/{id}/versions/{version}")
    @Operation(summary = "One version of a library query (Use on it; scope query-library:read)")
    VersionView version(Caller caller, @PathVariable UUID id, @PathVariable int version) {
        return VersionView.of(library.version(caller, new LibraryQueryId(id), version));
    }

    @GetMapping("/{id}/usage")
    @Operation(summary = "The apps you may use that import this query, with their pins, and how many others do (Use on "
            + "it; scopes query-library:read and apps:read)")
    UsageView usage(Caller caller, @PathVariable UUID id) {
        return UsageView.of(library.usage(caller, new LibraryQueryId(id)));
    }

    private static Map<GroupId, LibraryLevel> grants(Map<UUID, LibraryLevel> grants) {
        var typed = new LinkedHashMap<GroupId, LibraryLevel>();
        if (grants != null) {
            grants.forEach((group, level) -> typed.put(new GroupId(group), level));
        }
        return typed;
    }

    record CreateRequest(String name, String description, Boolean openToLibrary, Map<UUID, LibraryLevel> grants,
            UUID resourceId, List<FieldTemplate> fields, List<ParameterRequest> parameters, Integer timeoutSeconds,
            Integer maxRows, Long maxBytes, String notes) {

        VersionDraft content() {
            return new VersionDraft(resourceId == null ? null : new ResourceId(resourceId), fields,
                    ParameterRequest.declared(parameters), timeoutSeconds, maxRows, maxBytes, notes, null);
        }
    }

    record ChangeRequest(String name, String description, Boolean openToLibrary, Map<UUID, LibraryLevel> grants) {
    }

    /** {@code basedOn}: the version the editor started from; optional. */
    record PublishRequest(UUID resourceId, List<FieldTemplate> fields, List<ParameterRequest> parameters,
            Integer timeoutSeconds, Integer maxRows, Long maxBytes, String notes, Integer basedOn) {

        VersionDraft content() {
            return new VersionDraft(resourceId == null ? null : new ResourceId(resourceId), fields,
                    ParameterRequest.declared(parameters), timeoutSeconds, maxRows, maxBytes, notes, basedOn);
        }
    }

    /** A declared parameter as sent: {@code description} and {@code secret} may be left out. */
    record ParameterRequest(String name, String description, Object defaultValue, Boolean secret) {

        static List<DeclaredParameter> declared(List<ParameterRequest> parameters) {
            return parameters == null ? null : parameters.stream()
                    .map(parameter -> parameter == null ? null : new DeclaredParameter(parameter.name(),
                            parameter.description(), parameter.defaultValue(), Boolean.TRUE.equals(parameter.secret())))
                    .toList();
        }
    }

    record LibraryQueryView(UUID id, String name, String description, boolean openToLibrary, int latestVersion,
            Instant createdAt, Instant updatedAt) {

        static LibraryQueryView of(LibraryQuery query) {
            return new LibraryQueryView(query.id().value(), query.name(), query.description(), query.openToLibrary(),
                    query.latestVersion(), query.createdAt(), query.updatedAt());
        }
    }

    record GrantView(UUID groupId, String groupName, LibraryLevel level) {
    }

    record DetailView(UUID id, String name, String description, boolean openToLibrary, int latestVersion,
            Instant createdAt, Instant updatedAt, boolean mayEdit, List<GrantView> grants,
            List<QueryLibrary.VersionSummary> versions, VersionView latest) {

        static DetailView of(QueryLibrary.Detail detail) {
            var query = detail.query();
            return new DetailView(query.id().value(), query.name(), query.description(), query.openToLibrary(),
                    query.latestVersion(), query.createdAt(), query.updatedAt(), detail.mayEdit(),
                    detail.grants().stream().map(grant -> new GrantView(grant.groupId().value(), grant.groupName(),
                            grant.level())).toList(),
                    detail.versions(), VersionView.of(detail.latest()));
        }
    }

    record VersionView(int version, UUID resourceId, ResourceKind resourceKind, List<FieldTemplate> fields,
            List<DeclaredParameter> parameters, long timeoutSeconds, int maxRows, long maxBytes, String notes,
            Instant publishedAt, String publishedBy) {

        static VersionView of(LibraryVersion version) {
            return new VersionView(version.version(), version.resourceId().value(), version.resourceKind(),
                    version.fields(), version.parameters(), version.limits().timeout().toSeconds(),
                    version.limits().maxRows(), version.limits().maxBytes(), version.notes(), version.publishedAt(),
                    version.publishedByLabel());
        }
    }

    record UseView(UUID appId, String appName, UUID importId, String name, Integer pinnedVersion) {
    }

    record UsageView(List<UseView> uses, int hiddenApps) {

        static UsageView of(QueryLibrary.Usage usage) {
            return new UsageView(usage.uses().stream().map(use -> new UseView(use.appId().value(), use.appName(),
                    use.importId().value(), use.name(), use.pinnedVersion())).toList(), usage.hiddenApps());
        }
    }
}
