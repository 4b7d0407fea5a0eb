package dev.toolyard.themes;

import java.util.Map;

import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.SpaceId;

/**
 * A theme of {@code space} was created, changed, made the default or deleted (T-TH1), by hand or
 * by a copy from the admin space (T-SP5); on that space's audit chain.
 */
public record ThemeChanged(Caller caller, SpaceId space, String action, ThemeId themeId, String themeName, Map<String, Object> before,
        Map<String, Object> after) implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.action(action).by(caller).space(space)
                .target("theme", themeId.value(), themeName)
                .before(before)
                .after(after)
                .build();
    }
}
