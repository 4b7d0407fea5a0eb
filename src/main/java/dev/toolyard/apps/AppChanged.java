package dev.toolyard.apps;

import java.util.Map;

import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.Caller;

/** A folder or app created, renamed, moved or deleted; {@code action} names it in the audit trail. */
public record AppChanged(Caller caller, String action, String targetType, Object targetId, String targetName,
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
