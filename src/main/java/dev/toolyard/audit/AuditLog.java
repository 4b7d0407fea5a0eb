package dev.toolyard.audit;

/** The one way into the audit trail (T-AU1) and the check that it was not altered (T-AU2). */
public interface AuditLog {

    /** Appends within the caller's transaction, or in its own when there is none. */
    AuditEntry append(AuditRecord record);

    AuditVerification verify();
}
