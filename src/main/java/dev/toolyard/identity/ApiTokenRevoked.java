package dev.toolyard.identity;

import java.util.Map;

import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.Caller;

public record ApiTokenRevoked(Caller caller, ApiToken token) implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.action("token.revoked").by(caller)
                .target("api_token", token.id(), token.name())
                .before(Map.of("revoked", false))
                .after(Map.of("revoked", true))
                .build();
    }
}
