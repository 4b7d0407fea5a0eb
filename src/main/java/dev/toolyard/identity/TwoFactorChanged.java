package dev.toolyard.identity;

import java.util.Map;

import dev.toolyard.audit.AuditOutcome;
import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.UserId;

/**
 * T-ID1, T-AU1: a person changed their own two-factor sign-in ({@code action}: enrolment started,
 * enabled, disabled, recovery codes regenerated), or was refused ({@code result} says why). Like a
 * password it belongs to the person, so the entry joins the instance chain. Never the secret or a code.
 */
public record TwoFactorChanged(UserId user, String email, String clientAddress, String action, AuditOutcome outcome,
        String result) implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.action(action)
                .actor(user, email, clientAddress)
                .onInstance()
                .target("user", user, email)
                .outcome(outcome)
                .after(Map.of("result", result))
                .build();
    }
}
