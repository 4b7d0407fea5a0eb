package dev.toolyard.apps;

import java.util.LinkedHashMap;

import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditedChange;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.FolderId;

/**
 * An app was copied (T-AP1): the copy has the source's draft document and, copied by the queries
 * module listening in the same transaction, its queries and library imports; not its releases.
 */
public record AppDuplicated(Caller caller, AppId sourceId, String sourceName, AppId copyId, String copyName,
        FolderId folderId) implements AuditedChange {

    @Override
    public AuditRecord auditRecord() {
        var after = new LinkedHashMap<String, Object>();
        after.put("name", copyName);
        after.put("folder", folderId == null ? null : folderId.toString());
        after.put("source", sourceId.toString());
        after.put("sourceName", sourceName);
        return AuditRecord.action("app.duplicated").by(caller).target("app", copyId, copyName).after(after).build();
    }
}
