package dev.toolyard.identity;

import java.time.Instant;
import java.util.Map;

import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.UserId;

/**
 * T-ID1: someone at {@code clientAddress} asked for a reset link for an existing, enabled account.
 * The trail keeps when the link expires, never the link.
 */
public record PasswordResetRequested(UserId user, String email, String clientAddress, Instant expiresAt)
        implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.action("user.password_reset_requested")
                .actor(null, "anonymous", clientAddress)
                .onInstance()
                .target("user", user, email)
                .after(Map.of("expiresAt", expiresAt.toString()))
                .build();
    }
}
