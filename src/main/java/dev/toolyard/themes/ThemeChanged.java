package dev.toolyard.themes;

import java.util.Map;

import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.Caller;

/** A theme was created, changed, made the default or deleted (T-TH1); on the space's audit chain. */
public record ThemeChanged(Caller caller, String action, ThemeId themeId, String themeName, Map<String, Object> before,
        Map<String, Object> after) implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.action(action).by(caller)
                .target("theme", themeId.value(), themeName)
                .before(before)
                .after(after)
                .build();
    }
}
