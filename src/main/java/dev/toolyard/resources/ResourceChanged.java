package dev.toolyard.resources;

import java.util.Map;

import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.Caller;

public record ResourceChanged(Caller caller, String action, String targetType, Object targetId, String targetName,
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
