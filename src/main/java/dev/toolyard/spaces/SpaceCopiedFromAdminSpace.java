package dev.toolyard.spaces;

import java.util.Map;

import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.Caller;

/** T-SP5: the admin space's group definitions were copied into a child space. */
public record SpaceCopiedFromAdminSpace(Caller caller, Space space, int groupsCopied) implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.action("space.copied_from_admin_space").by(caller).onInstance()
                .target("space", space.id(), space.name())
                .after(Map.of("groupsCopied", groupsCopied, "what", "group definitions without members"))
                .build();
    }
}
