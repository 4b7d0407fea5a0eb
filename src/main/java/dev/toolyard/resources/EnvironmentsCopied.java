package dev.toolyard.resources;

import java.util.List;
import java.util.Map;

import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.SpaceId;

/** The admin space's custom environments were copied into {@code space}; audited on that space's chain. */
public record EnvironmentsCopied(Caller caller, SpaceId space, List<String> names) implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.action("environment.copied_from_admin_space").by(caller).space(space)
                .target("space", space, null)
                .after(Map.of("environments", names))
                .build();
    }
}
