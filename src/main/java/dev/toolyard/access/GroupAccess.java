package dev.toolyard.access;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Everything a group may reach (T-A2–T-A6): global levels, folder levels (each also the
 * folder's default for apps placed in it later), app levels, the same for resources, and the
 * additional access flags. Keys are object ids.
 */
public record GroupAccess(AccessLevel globalApps, Map<UUID, AccessLevel> folders, Map<UUID, AccessLevel> apps,
        AccessLevel globalResources, Map<UUID, AccessLevel> resourceFolders, Map<UUID, AccessLevel> resources,
        Set<AdditionalAccess> additional) {

    public GroupAccess {
        folders = Map.copyOf(folders);
        apps = Map.copyOf(apps);
        resourceFolders = Map.copyOf(resourceFolders);
        resources = Map.copyOf(resources);
        additional = Set.copyOf(additional);
    }
}
