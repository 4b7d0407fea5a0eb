package dev.toolyard.access;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.shared.AppId;
import dev.toolyard.shared.FolderId;
import dev.toolyard.shared.ResourceFolderId;
import dev.toolyard.shared.ResourceId;
import dev.toolyard.shared.SpaceId;

/**
 * What the owners of apps and resources tell access, inside their own transaction: an object was
 * created or moved (so folder defaults apply, T-A3), or removed (so its grants go).
 */
@Service
public class AccessObjects {

    private final GroupRepository groups;
    private final AccessEngine engine;

    AccessObjects(GroupRepository groups, AccessEngine engine) {
        this.groups = groups;
        this.engine = engine;
    }

    /** T-A3: an app created in or moved into a folder takes the folder's default of every group. */
    @Transactional
    public void appPlaced(SpaceId space, AppId app, FolderId folder) {
        if (folder != null) {
            groups.applyFolderDefaults(folder.value(), app.value());
        }
        engine.changed(space, SnapshotPart.of(new AccessObject.App(app)));
    }

    @Transactional
    public void resourcePlaced(SpaceId space, ResourceId resource, ResourceFolderId folder) {
        if (folder != null) {
            groups.applyResourceFolderDefaults(folder.value(), resource.value());
        }
        engine.changed(space, SnapshotPart.of(new AccessObject.Resource(resource)));
    }

    @Transactional
    public void folderCreated(SpaceId space) {
        // A new folder has no grants yet: only the list of folders changed.
        engine.changed(space, SnapshotPart.OBJECTS);
    }

    @Transactional
    public void removed(SpaceId space, AccessObject object) {
        if (object instanceof AccessObject.App app) {
            groups.forgetTargets("app_grants", List.of("APP"), app.id().value());
        } else if (object instanceof AccessObject.Folder folder) {
            groups.forgetTargets("app_grants", List.of("FOLDER"), folder.id().value());
        } else if (object instanceof AccessObject.Resource resource) {
            groups.forgetTargets("resource_grants", List.of("RESOURCE"), resource.id().value());
        } else {
            groups.forgetTargets("resource_grants", List.of("RESOURCE_FOLDER"),
                    ((AccessObject.ResourceFolder) object).id().value());
        }
        engine.changed(space, SnapshotPart.of(object));
    }
}
