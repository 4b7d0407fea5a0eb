package dev.toolyard.identity;

import java.util.Map;

import org.springframework.stereotype.Component;

import dev.toolyard.audit.AuditLog;
import dev.toolyard.audit.AuditOutcome;
import dev.toolyard.audit.AuditRecord;
import dev.toolyard.shared.UserId;

/**
 * T-AU1: every sign-in attempt, each step of it, as {@code auth.sign_in} on the instance chain with
 * the method and the result. An attempt on an unknown account names the account typed.
 */
@Component
class SignInAudit {

    private final AuditLog auditLog;

    SignInAudit(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    /** @param user the person once the password proved who it is; null while the account is only a name typed */
    void record(String account, UserId user, String address, AuditOutcome outcome, String method, String result) {
        auditLog.append(AuditRecord.action("auth.sign_in")
                .actor(user, account, address)
                .onInstance()
                .target("user", user, account)
                .outcome(outcome)
                .after(Map.of("method", method, "result", result))
                .build());
    }
}
