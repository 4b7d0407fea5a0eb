package dev.toolyard.resources;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.toolyard.access.AccessCatalog;
import dev.toolyard.shared.SpaceId;

/** Tells the access engine where each resource sits. */
@Component
class ResourceCatalog implements AccessCatalog {

    private final ResourceRepository resources;

    ResourceCatalog(ResourceRepository resources) {
        this.resources = resources;
    }

    @Override
    public Kind kind() {
        return Kind.RESOURCES;
    }

    @Override
    public Map<UUID, UUID> placements(SpaceId space) {
        return resources.placements(space);
    }

    @Override
    public Set<UUID> folders(SpaceId space) {
        return resources.folderIds(space);
    }
}
