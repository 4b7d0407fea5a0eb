package dev.toolyard.identity;

import java.util.Map;

import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.UserId;

/** T-ID1: a person set a new password through a reset link; their sessions and other links ended. */
public record PasswordResetCompleted(UserId user, String email, String clientAddress) implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.action("user.password_reset")
                .actor(user, email, clientAddress)
                .onInstance()
                .target("user", user, email)
                .after(Map.of("sessionsEnded", true, "otherLinksRevoked", true))
                .build();
    }
}
