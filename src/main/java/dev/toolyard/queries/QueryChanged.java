package dev.toolyard.queries;

import java.util.Map;

import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.Caller;

/**
 * An app query, library query, its versions, permissions or an app's import created, changed or
 * deleted; {@code action} names it in the audit trail ({@code query.saved},
 * {@code library_query.published}, {@code library_import.changed}…).
 */
public record QueryChanged(Caller caller, String action, String targetType, Object targetId, String targetName,
        Map<String, Object> before, Map<String, Object> after) implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.action(action).by(caller)
                .target(targetType, targetId, targetName)
                .before(before)
                .after(after)
                .build();
    }
}
