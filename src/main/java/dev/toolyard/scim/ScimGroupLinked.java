package dev.toolyard.scim;

import java.util.Map;

import dev.toolyard.access.PermissionGroup;
import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.Caller;

/** A provider linked a group to its own id (SCIM's externalId), or changed or removed that link. */
record ScimGroupLinked(Caller caller, PermissionGroup group, Map<String, Object> before, Map<String, Object> after)
        implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.action("scim.group_linked").by(caller)
                .target("group", group.id(), group.name())
                .before(before)
                .after(after)
                .build();
    }
}
