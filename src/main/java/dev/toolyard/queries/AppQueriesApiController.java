package dev.toolyard.queries;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.toolyard.resources.ResourceKind;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ResourceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * T-AP2, T-A5 and T-Q1 over the API: an app's own queries and its imports of library queries.
 * Ids and shapes are checked here only as far as JSON goes; every rule is the services'.
 */
@RestController
@RequestMapping(value = "/api/v1/apps/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "App queries")
class AppQueriesApiController {

    private final AppQueries queries;
    private final LibraryImports imports;

    AppQueriesApiController(AppQueries queries, LibraryImports imports) {
        this.queries = queries;
        this.imports = imports;
    }

    @GetMapping("/queries")
    @Operation(summary = "The app's queries (Use on the app; scope apps:read)")
    List<QueryView> list(Caller caller, @PathVariable UUID id) {
        return queries.list(caller, new AppId(id)).stream().map(QueryView::of).toList();
    }

    @PostMapping("/queries")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a query (Edit on the app and Use on the resource; scopes apps:write and "
            + "resources:read). Limits left out take the defaults: 10 s, 10,000 rows, 10 MiB")
    ResponseEntity<QueryView> create(Caller caller, @PathVariable UUID id, @RequestBody QueryRequest request) {
        var query = queries.create(caller, new AppId(id), request.draft());
        return ResponseEntity.created(URI.create("/api/v1/apps/" + id + "/queries/" + query.id()))
                .body(QueryView.of(query));
    }

    @GetMapping("/queries/{queryId}")
    @Operation(summary = "One of the app's queries (Use on the app; scope apps:read)")
    QueryView get(Caller caller, @PathVariable UUID id, @PathVariable UUID queryId) {
        return QueryView.of(queries.get(caller, new AppId(id), new QueryId(queryId)));
    }

    @PutMapping("/queries/{queryId}")
    @Operation(summary = "Save a query whole: name, resource, fields, limits (Edit on the app, Use on the old and the "
            + "new resource; scopes apps:write and resources:read). With 'version', a save made since is a 409 "
            + "query.version_conflict")
    QueryView save(Caller caller, @PathVariable UUID id, @PathVariable UUID queryId, @RequestBody SaveRequest request) {
        return QueryView.of(queries.save(caller, new AppId(id), new QueryId(queryId), request.draft(), request.version()));
    }

    @DeleteMapping("/queries/{queryId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a query (Edit on the app and Use on its resource; scopes apps:write and resources:read)")
    void delete(Caller caller, @PathVariable UUID id, @PathVariable UUID queryId) {
        queries.delete(caller, new AppId(id), new QueryId(queryId));
    }

    @GetMapping("/library-imports")
    @Operation(summary = "The app's imports of library queries, with their pins (Use on the app; scope apps:read)")
    List<ImportView> imports(Caller caller, @PathVariable UUID id) {
        return imports.list(caller, new AppId(id)).stream().map(ImportView::of).toList();
    }

    @PostMapping("/library-imports")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Import a library query, pinned to 'version' or following the latest when it is null "
            + "(Edit on the app, Use on the library query; scope apps:write)")
    ResponseEntity<ImportView> addImport(Caller caller, @PathVariable UUID id, @RequestBody ImportRequest request) {
        var added = imports.add(caller, new AppId(id),
                request.libraryQueryId() == null ? null : new LibraryQueryId(request.libraryQueryId()),
                request.version(), request.name());
        return ResponseEntity.created(URI.create("/api/v1/apps/" + id + "/library-imports/" + added.id()))
                .body(ImportView.of(added));
    }

    @PutMapping("/library-imports/{importId}")
    @Operation(summary = "Change an import's pin ('version' null: follow the latest) and, when given, its name in the "
            + "app (Edit on the app, Use on the library query; scope apps:write)")
    ImportView changeImport(Caller caller, @PathVariable UUID id, @PathVariable UUID importId,
            @RequestBody PinRequest request) {
        return ImportView.of(imports.change(caller, new AppId(id), new LibraryImportId(importId), request.version(),
                request.name()));
    }

    @DeleteMapping("/library-imports/{importId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove an import (Edit on the app; scope apps:write)")
    void removeImport(Caller caller, @PathVariable UUID id, @PathVariable UUID importId) {
        imports.remove(caller, new AppId(id), new LibraryImportId(importId));
    }

    record QueryRequest(String name, UUID resourceId, List<FieldTemplate> fields, Integer timeoutSeconds,
            Integer maxRows, Long maxBytes) {

        QueryDraft draft() {
            return new QueryDraft(name, resourceId == null ? null : new ResourceId(resourceId), fields, timeoutSeconds,
                    maxRows, maxBytes);
        }
    }

    /** {@code version}: the version the editor started from, to detect a save made in between; optional. */
    record SaveRequest(String name, UUID resourceId, List<FieldTemplate> fields, Integer timeoutSeconds,
            Integer maxRows, Long maxBytes, Integer version) {

        QueryDraft draft() {
            return new QueryDraft(name, resourceId == null ? null : new ResourceId(resourceId), fields, timeoutSeconds,
                    maxRows, maxBytes);
        }
    }

    record ImportRequest(UUID libraryQueryId, Integer version, String name) {
    }

    record PinRequest(Integer version, String name) {
    }

    record QueryView(UUID id, UUID appId, String name, UUID resourceId, ResourceKind resourceKind,
            List<FieldTemplate> fields, long timeoutSeconds, int maxRows, long maxBytes, int version,
            Instant createdAt, Instant updatedAt) {

        static QueryView of(AppQuery query) {
            return new QueryView(query.id().value(), query.appId().value(), query.name(), query.resourceId().value(),
                    query.resourceKind(), query.fields(), query.limits().timeout().toSeconds(),
                    query.limits().maxRows(), query.limits().maxBytes(), query.version(), query.createdAt(),
                    query.updatedAt());
        }
    }

    record ImportView(UUID id, UUID appId, UUID libraryQueryId, String libraryQueryName, String name,
            Integer pinnedVersion, boolean followsLatest, int resolvedVersion, Instant createdAt, Instant updatedAt) {

        static ImportView of(LibraryImport imported) {
            return new ImportView(imported.id().value(), imported.appId().value(), imported.queryId().value(),
                    imported.queryName(), imported.name(), imported.pinnedVersion(), imported.followsLatest(),
                    imported.resolvedVersion(), imported.createdAt(), imported.updatedAt());
        }
    }
}
