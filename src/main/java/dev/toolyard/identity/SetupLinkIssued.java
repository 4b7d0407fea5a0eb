package dev.toolyard.identity;

import java.time.Instant;
import java.util.Map;

import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;

/** A set-up link was printed; the trail keeps when it expires, never the link itself. */
public record SetupLinkIssued(Instant expiresAt) implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.action("setup.link_issued").onInstance()
                .after(Map.of("expiresAt", expiresAt.toString()))
                .build();
    }
}
