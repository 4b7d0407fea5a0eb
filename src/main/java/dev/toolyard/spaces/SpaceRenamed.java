package dev.toolyard.spaces;

import java.util.Map;

import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.Caller;

public record SpaceRenamed(Caller caller, Space before, Space after) implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.action("space.renamed").by(caller).onInstance()
                .target("space", after.id(), after.name())
                .before(Map.of("name", before.name()))
                .after(Map.of("name", after.name()))
                .build();
    }
}
