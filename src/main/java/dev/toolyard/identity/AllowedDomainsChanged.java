package dev.toolyard.identity;

import java.util.List;
import java.util.Map;

import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.SpaceId;

/** The allowed e-mail domains of {@code space} changed, by hand or by a copy from the admin space. */
public record AllowedDomainsChanged(Caller caller, SpaceId space, List<String> before, List<String> after)
        implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.action("space.allowed_domains_changed").by(caller).space(space)
                .target("space", space, null)
                .before(Map.of("domains", before))
                .after(Map.of("domains", after))
                .build();
    }
}
