package dev.toolyard.audit;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping(value = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Audit")
class AuditApiController {

    private final AuditLog auditLog;

    AuditApiController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @PostMapping("/verify")
    @Operation(summary = "Verify every audit chain (instance admins, scope audit:read)")
    VerificationResponse verify(Caller caller) {
        caller.requireScope(ApiScope.AUDIT_READ);
        caller.requireInstanceAdmin();
        var result = auditLog.verify();
        return new VerificationResponse(result.intact(), result.entriesChecked(), result.chainsChecked(),
                result.firstBroken().orElse(null));
    }

    record VerificationResponse(boolean intact, long entriesChecked, int chainsChecked,
            AuditVerification.BrokenLink firstBroken) {
    }
}
