package dev.toolyard.audit.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.toolyard.audit.AuditLog;
import dev.toolyard.audit.AuditedChange;

/** Synchronous on purpose: the entry is written in the transaction of the change it records. */
@Component
class AuditingListener {

    private final AuditLog auditLog;

    AuditingListener(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @EventListener
    void on(AuditedChange change) {
        auditLog.append(change.auditRecord());
    }
}
