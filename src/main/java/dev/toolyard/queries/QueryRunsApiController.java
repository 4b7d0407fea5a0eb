package dev.toolyard.queries;

import java.io.IOException;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.toolyard.queries.StreamedRunResult.ResponseOpener;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Runs queries (T-A5, T-CU4, T-CU5, T-RS4). The result is written to the response as the source
 * is read; see {@link StreamedRunResult} for its shape.
 */
@RestController
@Tag(name = "Query runs")
class QueryRunsApiController {

    private final QueryRuns runs;

    QueryRunsApiController(QueryRuns runs) {
        this.runs = runs;
    }

    @PostMapping(value = "/api/v1/apps/{id}/queries/{queryId}/run", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Run one of the app's queries (Use on the app; scopes queries:run and apps:read). "
            + "Values of expressions that reference current_user are computed by the server; sending one is a "
            + "403 query.current_user_spoofing. \"release\" picks the release whose frozen query runs: absent or "
            + "live (the draft before the first release), latest (the draft) or a version (both need Edit)")
    void runAppQuery(Caller caller, @PathVariable UUID id, @PathVariable UUID queryId,
            @RequestBody(required = false) RunRequest request, HttpServletResponse response) throws IOException {
        runs.runAppQuery(caller, new AppId(id), new QueryId(queryId), orEmpty(request), opener(response));
    }

    @PostMapping(value = "/api/v1/apps/{id}/library-imports/{importId}/run",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Run a library query the app imported, at its pinned or latest version, or at the "
            + "version the chosen release froze (\"release\" as for app queries; Use on the app; scopes queries:run "
            + "and apps:read)")
    void runImport(Caller caller, @PathVariable UUID id, @PathVariable UUID importId,
            @RequestBody(required = false) RunRequest request, HttpServletResponse response) throws IOException {
        runs.runImport(caller, new AppId(id), new LibraryImportId(importId), orEmpty(request), opener(response));
    }

    @PostMapping(value = "/api/v1/query-library/{id}/run", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Run the latest version of a library query (Use on it; scopes queries:run and "
            + "query-library:read)")
    void runLatest(Caller caller, @PathVariable UUID id, @RequestBody(required = false) RunRequest request,
            HttpServletResponse response) throws IOException {
        runs.runLibraryQuery(caller, new LibraryQueryId(id), null, orEmpty(request), opener(response));
    }

    @PostMapping(value = "/api/v1/query-library/{id}/versions/{version}/run",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Run one version of a library query (Use on it; scopes queries:run and query-library:read)")
    void runVersion(Caller caller, @PathVariable UUID id, @PathVariable int version,
            @RequestBody(required = false) RunRequest request, HttpServletResponse response) throws IOException {
        runs.runLibraryQuery(caller, new LibraryQueryId(id), version, orEmpty(request), opener(response));
    }

    private static RunRequest orEmpty(RunRequest request) {
        return request == null ? new RunRequest(null, null, null, null, null) : request;
    }

    private static ResponseOpener opener(HttpServletResponse response) {
        return () -> {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setHeader("Cache-Control", "no-store");
            return response.getOutputStream();
        };
    }
}
