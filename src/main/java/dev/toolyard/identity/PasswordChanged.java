package dev.toolyard.identity;

import java.util.Map;

import dev.toolyard.audit.AuditOutcome;
import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.UserId;

/**
 * T-ID1: a signed-in person changed their password, or was refused ({@code result} says why).
 * A password belongs to the person, not to a space, so the entry joins the instance chain.
 */
public record PasswordChanged(UserId user, String email, String clientAddress, AuditOutcome outcome, String result)
        implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.action("user.password_changed")
                .actor(user, email, clientAddress)
                .onInstance()
                .target("user", user, email)
                .outcome(outcome)
                .after(Map.of("result", result))
                .build();
    }
}
