package dev.toolyard.queries;

import java.util.List;

import dev.toolyard.resources.ResourceKind;
import dev.toolyard.resources.RunLimits;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.ResourceId;
import dev.toolyard.shared.SpaceId;

/**
 * Everything a run needs to know about a stored query, after the caller was authorised to run
 * it. Exactly one of three origins: an app's own query ({@code queryId} and {@code appId}), a
 * library query imported by an app ({@code importId}, {@code appId}, {@code libraryQueryId} and
 * the resolved {@code libraryVersion}), or a library query run from the library
 * ({@code libraryQueryId} and {@code libraryVersion}). The ids of the other origins are null.
 * {@code parameters} is empty for app queries.
 */
public record RunnableQuery(SpaceId spaceId, QueryId queryId, AppId appId, LibraryImportId importId,
        LibraryQueryId libraryQueryId, Integer libraryVersion, String name, ResourceId resourceId,
        ResourceKind resourceKind, List<FieldTemplate> fields, List<DeclaredParameter> parameters, RunLimits limits) {

    public RunnableQuery {
        fields = List.copyOf(fields);
        parameters = List.copyOf(parameters);
    }
}
