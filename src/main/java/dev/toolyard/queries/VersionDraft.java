package dev.toolyard.queries;

import java.util.List;

import dev.toolyard.shared.ResourceId;

/**
 * The content of a library query version to publish (T-Q1). Limits left out (null) take the
 * defaults. {@code basedOn}, when given, is the version the editor started from: publishing
 * fails with {@code library_query.version_conflict} if another version was published since.
 */
public record VersionDraft(ResourceId resourceId, List<FieldTemplate> fields, List<DeclaredParameter> parameters,
        Integer timeoutSeconds, Integer maxRows, Long maxBytes, String notes, Integer basedOn) {
}
