package dev.toolyard.queries;

import java.util.List;
import java.util.Map;

import dev.toolyard.audit.AuditOutcome;
import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.Caller;

/**
 * T-CU5: a run tried to supply current_user or a value derived from it. Only the offending keys
 * are recorded, never the values sent.
 */
public record CurrentUserSpoofingRejected(Caller caller, String queryId, String queryName, List<String> keys)
        implements AuditedChange {

    public CurrentUserSpoofingRejected {
        keys = List.copyOf(keys);
    }

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.action("query.current_user_spoofing_rejected").by(caller)
                .target("query", queryId, queryName)
                .outcome(AuditOutcome.DENIED)
                .after(Map.of("keys", keys))
                .build();
    }
}
