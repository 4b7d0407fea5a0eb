package dev.toolyard.apps;

import java.util.LinkedHashMap;

import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;

/**
 * A release was published and made live (T-R1). Published synchronously inside the publishing
 * transaction: the queries module freezes the app's queries and imports under {@code version}
 * as they are at this moment, so the release and its queries commit together or not at all.
 */
public record AppReleasePublished(Caller caller, AppId appId, String appName, String version, String notes,
        String previousLive) implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        var after = new LinkedHashMap<String, Object>();
        after.put("version", version);
        after.put("notes", notes);
        after.put("live", true);
        var before = new LinkedHashMap<String, Object>();
        before.put("live", previousLive);
        return AuditRecord.action("app.release_published").by(caller).target("app", appId, appName)
                .before(before).after(after).build();
    }
}
