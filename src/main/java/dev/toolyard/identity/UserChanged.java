package dev.toolyard.identity;

import java.util.Map;

import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.Caller;

/**
 * A change to a user record of a space: invited, invitation resent or revoked, approved, declined,
 * disabled, enabled, attribute set or removed. {@code action} names it in the audit trail.
 */
public record UserChanged(Caller caller, String action, SpaceUser user, Map<String, Object> before,
        Map<String, Object> after) implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.action(action).by(caller)
                .target("user", user.id(), user.email())
                .before(before)
                .after(after)
                .build();
    }
}
