package dev.toolyard.queries;

import java.time.Instant;
import java.util.List;

import dev.toolyard.resources.ResourceKind;
import dev.toolyard.resources.RunLimits;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.ResourceId;

/**
 * A query of an app (T-AP2), referenced by the app as {@code name.data}. {@code version} grows by
 * one on every save, so an editor that names the version it started from learns of a save made
 * in between. {@code resourceKind} is the kind the fields were checked against.
 */
public record AppQuery(QueryId id, AppId appId, String name, ResourceId resourceId, ResourceKind resourceKind,
        List<FieldTemplate> fields, RunLimits limits, int version, Instant createdAt, Instant updatedAt) {

    public AppQuery {
        fields = List.copyOf(fields);
    }
}
