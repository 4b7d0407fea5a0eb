package dev.toolyard.identity;

import java.util.Map;

import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.Caller;

/** T-ID1: a space admin turned the space's "require two-factor" setting on or off. */
public record TwoFactorRequirementChanged(Caller caller, boolean before, boolean after) implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.action("space.two_factor_requirement_changed").by(caller)
                .target("space", caller.spaceId(), null)
                .before(Map.of("twoFactorRequired", before))
                .after(Map.of("twoFactorRequired", after))
                .build();
    }
}
