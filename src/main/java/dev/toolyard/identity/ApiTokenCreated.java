package dev.toolyard.identity;

import java.util.LinkedHashMap;

import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.Caller;

public record ApiTokenCreated(Caller caller, ApiToken token) implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        var after = new LinkedHashMap<String, Object>();
        after.put("name", token.name());
        after.put("prefix", token.secretPrefix());
        after.put("scopes", token.scopes().stream().map(ApiScope::value).sorted().toList());
        after.put("expiresAt", token.expiresAt() == null ? null : token.expiresAt().toString());
        return AuditRecord.action("token.created").by(caller)
                .target("api_token", token.id(), token.name())
                .after(after)
                .build();
    }
}
