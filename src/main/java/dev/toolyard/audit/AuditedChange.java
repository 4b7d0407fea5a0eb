package dev.toolyard.audit;

/**
 * A domain event that must be in the audit trail. The audit module listens for these within the
 * publisher's transaction, so a change and its entry commit or roll back together.
 */
public interface AuditedChange {

    AuditRecord auditRecord();
}
