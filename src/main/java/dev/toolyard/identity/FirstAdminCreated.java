package dev.toolyard.identity;

import java.util.Map;

import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;

/** T-D2: the first administrator exists, made from the environment or through the set-up link. */
public record FirstAdminCreated(User admin, String via, String clientAddress) implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.action("setup.first_admin_created")
                .actor(via.equals("environment") ? null : admin.id(),
                        via.equals("environment") ? "system" : admin.email(), clientAddress)
                .onInstance()
                .target("user", admin.id(), admin.email())
                .after(Map.of("email", admin.email(), "via", via, "instanceAdmin", true))
                .build();
    }
}
