package dev.toolyard.identity;

import java.util.List;
import java.util.Map;

import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.Caller;

public record AllowedDomainsChanged(Caller caller, List<String> before, List<String> after) implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.action("space.allowed_domains_changed").by(caller)
                .target("space", caller.spaceId(), null)
                .before(Map.of("domains", before))
                .after(Map.of("domains", after))
                .build();
    }
}
