package dev.toolyard.access;

import java.util.Map;

import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.Caller;

/**
 * A change to a permission group: created, renamed, deleted, member added or removed, group
 * admin appointed or removed, access saved. {@code action} names it in the audit trail.
 */
public record GroupChanged(Caller caller, String action, PermissionGroup group, Map<String, Object> before,
        Map<String, Object> after) implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.action(action).by(caller)
                .target("group", group.id(), group.name())
                .before(before)
                .after(after)
                .build();
    }
}
