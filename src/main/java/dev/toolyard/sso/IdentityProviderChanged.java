package dev.toolyard.sso;

import java.util.Map;

import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.SpaceId;

/**
 * A space's identity provider was created, changed or deleted (T-ID2), by hand or by a copy from
 * the admin space (T-SP5). The client secret never appears: only whether it was set or replaced.
 */
public record IdentityProviderChanged(Caller caller, String action, SpaceId space, IdentityProviderId provider,
        String displayName, Map<String, Object> before, Map<String, Object> after) implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.action(action).by(caller).space(space)
                .target("identity_provider", provider, displayName)
                .before(before)
                .after(after)
                .build();
    }
}
