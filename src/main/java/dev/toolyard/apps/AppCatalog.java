package dev.toolyard.apps;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.toolyard.access.AccessCatalog;
import dev.toolyard.shared.SpaceId;

/** Tells the access engine where each app sits. */
@Component
class AppCatalog implements AccessCatalog {

    private final AppRepository apps;

    AppCatalog(AppRepository apps) {
        this.apps = apps;
    }

    @Override
    public Kind kind() {
        return Kind.APPS;
    }

    @Override
    public Map<UUID, UUID> placements(SpaceId space) {
        return apps.placements(space);
    }

    @Override
    public Set<UUID> folders(SpaceId space) {
        return apps.folderIds(space);
    }
}
