package dev.toolyard.sso;

import java.util.Map;

import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.SpaceId;

/** A space's SSO settings changed (T-ID3, T-ID4, T-SP6): JIT, role mappings, removal, break-glass, Require SSO, reuse. */
public record SsoSettingsChanged(Caller caller, SpaceId space, Map<String, Object> before, Map<String, Object> after)
        implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.action("sso.settings_changed").by(caller).space(space)
                .target("space", space, null)
                .before(before)
                .after(after)
                .build();
    }
}
