package dev.toolyard.spaces;

import java.util.Map;

import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.Caller;

public record SpaceCreated(Caller caller, Space space) implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.action("space.created").by(caller).onInstance()
                .target("space", space.id(), space.name())
                .after(Map.of("name", space.name()))
                .build();
    }
}
