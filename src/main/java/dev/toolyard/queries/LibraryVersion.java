package dev.toolyard.queries;

import java.time.Instant;
import java.util.List;

import dev.toolyard.resources.ResourceKind;
import dev.toolyard.resources.RunLimits;
import dev.toolyard.shared.ResourceId;
import dev.toolyard.shared.UserId;

/** One published version of a library query: immutable once published (T-Q1). */
public record LibraryVersion(LibraryQueryId queryId, int version, ResourceId resourceId, ResourceKind resourceKind,
        List<FieldTemplate> fields, List<DeclaredParameter> parameters, RunLimits limits, String notes,
        Instant publishedAt, UserId publishedBy, String publishedByLabel) {

    public LibraryVersion {
        fields = List.copyOf(fields);
        parameters = List.copyOf(parameters);
    }
}
