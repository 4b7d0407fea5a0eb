package dev.toolyard.queries;

import java.util.List;

import dev.toolyard.shared.ResourceId;

/**
 * What a builder sends to create or save an app query. Limits left out (null) take the
 * defaults: 10 s, 10,000 rows, 10 MiB.
 */
public record QueryDraft(String name, ResourceId resourceId, List<FieldTemplate> fields, Integer timeoutSeconds,
        Integer maxRows, Long maxBytes) {
}
