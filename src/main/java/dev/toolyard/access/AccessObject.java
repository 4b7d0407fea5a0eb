package dev.toolyard.access;

import dev.toolyard.shared.AppId;
import dev.toolyard.shared.FolderId;
import dev.toolyard.shared.ResourceFolderId;
import dev.toolyard.shared.ResourceId;

/** What access is granted on (T-A2, T-A4). */
public sealed interface AccessObject
        permits AccessObject.App, AccessObject.Folder, AccessObject.Resource, AccessObject.ResourceFolder {

    /** Resources stop at Edit (T-A4). */
    default AccessLevel highestLevel() {
        return AccessLevel.OWN;
    }

    record App(AppId id) implements AccessObject {
    }

    record Folder(FolderId id) implements AccessObject {
    }

    record Resource(ResourceId id) implements AccessObject {

        @Override
        public AccessLevel highestLevel() {
            return AccessLevel.EDIT;
        }
    }

    record ResourceFolder(ResourceFolderId id) implements AccessObject {

        @Override
        public AccessLevel highestLevel() {
            return AccessLevel.EDIT;
        }
    }
}
