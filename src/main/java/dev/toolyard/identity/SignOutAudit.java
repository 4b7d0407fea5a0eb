package dev.toolyard.identity;

import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;

import dev.toolyard.audit.AuditLog;
import dev.toolyard.audit.AuditRecord;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

class SignOutAudit implements LogoutHandler {

    private final AuditLog auditLog;

    SignOutAudit(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
            auditLog.append(AuditRecord.action("auth.sign_out")
                    .actor(user.id(), user.email(), request.getRemoteAddr())
                    .onInstance()
                    .target("user", user.id(), user.email())
                    .after(Map.of("method", "console"))
                    .build());
        }
    }
}
