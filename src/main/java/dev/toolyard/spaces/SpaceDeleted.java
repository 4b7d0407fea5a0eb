package dev.toolyard.spaces;

import java.util.Map;

import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.Caller;

public record SpaceDeleted(Caller caller, Space space) implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.action("space.deleted").by(caller).onInstance()
                .target("space", space.id(), space.name())
                .before(Map.of("name", space.name()))
                .build();
    }
}
