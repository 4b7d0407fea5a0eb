package dev.toolyard.queries;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Service;

import dev.toolyard.apps.AppReleases;
import dev.toolyard.audit.AuditLog;
import dev.toolyard.audit.AuditOutcome;
import dev.toolyard.audit.AuditRecord;
import dev.toolyard.queries.StreamedRunResult.ResponseOpener;
import dev.toolyard.resources.BoundQuery;
import dev.toolyard.resources.ResourceRuns;
import dev.toolyard.resources.RunSummary;
import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.SourceFailedException;
import dev.toolyard.shared.ToolyardException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Runs a query for a caller (T-A5, T-CU4, T-CU5, T-RS4): authorises it through the query's owner
 * (Use on the app, or on the library query), binds every {@code {{ }}} (current_user on the
 * server), runs it on the resource in the chosen environment and streams the result. Every run,
 * refused or failed ones included, is audited (without parameter values) and timed in metrics.
 */
@Service
public class QueryRuns {

    static final String DEFAULT_ENVIRONMENT = "production";

    private final AppQueries appQueries;
    private final AppReleases releases;
    private final ReleasedQueryRepository released;
    private final LibraryRepository libraryVersions;
    private final LibraryImports imports;
    private final QueryLibrary library;
    private final QueryBinder binder;
    private final ResourceRuns runs;
    private final AuditLog auditLog;
    private final MeterRegistry meters;

    QueryRuns(AppQueries appQueries, AppReleases releases, ReleasedQueryRepository released,
            LibraryRepository libraryVersions, LibraryImports imports, QueryLibrary library, QueryBinder binder,
            ResourceRuns runs, AuditLog auditLog, MeterRegistry meters) {
        this.appQueries = appQueries;
        this.releases = releases;
        this.released = released;
        this.libraryVersions = libraryVersions;
        this.imports = imports;
        this.library = library;
        this.binder = binder;
        this.runs = runs;
        this.auditLog = auditLog;
        this.meters = meters;
    }

    /**
     * One of an app's own queries: Use on the app is enough (T-A5). Of a released app, the query
     * as the selected release froze it (T-R1): end users never run a draft query.
     */
    public void runAppQuery(Caller caller, AppId app, QueryId query, RunRequest request, ResponseOpener response)
            throws IOException {
        caller.requireScope(ApiScope.QUERIES_RUN);
        var release = releases.select(caller, app, request.release());
        var runnable = release.isEmpty() ? appQueries.forRun(caller, app, query)
                : released.query(caller.spaceId(), app, release.get(), query)
                        .map(frozen -> new RunnableQuery(caller.spaceId(), query, app, null, null, null, frozen.name(),
                                frozen.resourceId(), frozen.resourceKind(), frozen.fields(), List.of(),
                                frozen.limits()))
                        .orElseThrow(() -> notInRelease("query", query, release.get()));
        run(caller, runnable, release.orElse(null), request, response);
    }

    /**
     * A library query an app imported: Use on the app. The draft runs the version the import pins
     * or the latest; a release runs the version it froze.
     */
    public void runImport(Caller caller, AppId app, LibraryImportId id, RunRequest request, ResponseOpener response)
            throws IOException {
        caller.requireScope(ApiScope.QUERIES_RUN);
        var release = releases.select(caller, app, request.release());
        RunnableQuery runnable;
        if (release.isEmpty()) {
            runnable = imports.importForRun(caller, app, id);
        } else {
            var frozen = released.importOf(caller.spaceId(), app, release.get(), id)
                    .orElseThrow(() -> notInRelease("library_import", id, release.get()));
            var version = libraryVersions.version(frozen.queryId(), frozen.version())
                    .orElseThrow(() -> QueryLibrary.versionNotFound(frozen.queryId(), frozen.version()));
            runnable = new RunnableQuery(caller.spaceId(), null, app, id, frozen.queryId(), frozen.version(),
                    frozen.name(), version.resourceId(), version.resourceKind(), version.fields(), version.parameters(),
                    version.limits());
        }
        run(caller, runnable, release.orElse(null), request, response);
    }

    /** A library query run from the library: Use on the library query; {@code version} null for the latest. */
    public void runLibraryQuery(Caller caller, LibraryQueryId id, Integer version, RunRequest request,
            ResponseOpener response) throws IOException {
        caller.requireScope(ApiScope.QUERIES_RUN);
        run(caller, library.libraryForRun(caller, id, version), null, request, response);
    }

    private static NotFoundException notInRelease(String kind, Object id, String release) {
        return new NotFoundException(kind + ".not_found", "There is no " + kind.replace('_', ' ') + " " + id
                + " in release " + release + " of this app.");
    }

    private void run(Caller caller, RunnableQuery query, String release, RunRequest request, ResponseOpener response)
            throws IOException {
        long started = System.nanoTime();
        String environment = request.environment() == null || request.environment().isBlank() ? DEFAULT_ENVIRONMENT
                : request.environment();
        var result = new StreamedRunResult(response, query.limits().maxBytes());
        RunSummary summary = null;
        ToolyardException failure = null;
        try {
            summary = runs.run(caller, query.resourceId(), environment, bind(caller, query, request), query.limits(),
                    result);
            result.finish(summary, environment, millisSince(started));
        } catch (SourceFailedException e) {
            failure = e;
            if (!result.started()) {
                throw e;
            }
            // The status and some rows are already sent: the result ends with the error instead.
            result.fail(e.code(), e.getMessage(), environment, millisSince(started));
        } catch (ToolyardException e) {
            failure = e;
            throw e;
        } finally {
            record(caller, query, release, environment, summary, result.rowsWritten(), failure,
                    System.nanoTime() - started);
        }
    }

    private BoundQuery bind(Caller caller, RunnableQuery query, RunRequest request) {
        var template = QueryTemplate.parse(query.fields().stream()
                .map(field -> new QueryTemplate.FieldText(field.name(), field.template())).toList());
        String id = String.valueOf(query.queryId() != null ? query.queryId() : query.libraryQueryId());
        BindingRequest binding = query.libraryQueryId() != null
                ? new BindingRequest.LibraryQuery(id, query.name(), query.parameters().stream()
                        .map(parameter -> new QueryParameter(parameter.name(), parameter.defaultValue() == null, parameter.defaultValue(),
                                parameter.secret()))
                        .toList(), request.parameters())
                : new BindingRequest.AppQuery(id, query.name(), request.values(), request.state());
        return binder.bind(caller, template, binding);
    }

    private void record(Caller caller, RunnableQuery query, String release, String environment, RunSummary summary,
            long rowsWritten, ToolyardException failure, long nanos) {
        String outcome = failure == null ? "success" : failure.code();
        Timer.builder("toolyard.query.runs").description("Query runs, by resource kind and outcome")
                .tag("kind", query.resourceKind().name().toLowerCase(java.util.Locale.ROOT))
                .tag("outcome", failure == null ? "success" : failure instanceof SourceFailedException ? "source_failed"
                        : "refused")
                .register(meters).record(nanos, TimeUnit.NANOSECONDS);
        DistributionSummary.builder("toolyard.query.rows").description("Rows returned per query run")
                .register(meters).record(summary == null ? rowsWritten : summary.rows());
        var details = new LinkedHashMap<String, Object>();
        if (query.appId() != null) {
            details.put("app", query.appId().toString());
        }
        if (query.queryId() != null) {
            details.put("query", query.queryId().toString());
        }
        if (release != null) {
            details.put("release", release);
        }
        if (query.libraryQueryId() != null) {
            details.put("libraryQuery", query.libraryQueryId().toString());
            details.put("libraryVersion", query.libraryVersion());
        }
        details.put("resource", query.resourceId().toString());
        details.put("environment", environment);
        details.put("durationMs", TimeUnit.NANOSECONDS.toMillis(nanos));
        details.put("rows", summary == null ? rowsWritten : summary.rows());
        if (summary != null && summary.truncated()) {
            details.put("truncatedBy", summary.truncatedBy());
        }
        details.put("outcome", outcome);
        auditLog.appendSoon(AuditRecord.action("query.run").by(caller)
                .target(query.libraryQueryId() != null && query.appId() == null ? "library_query" : "query",
                        query.queryId() != null ? query.queryId() : query.libraryQueryId(), query.name())
                .outcome(failure == null ? AuditOutcome.SUCCESS
                        : failure instanceof ForbiddenException ? AuditOutcome.DENIED : AuditOutcome.FAILURE)
                .after(details).build());
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
