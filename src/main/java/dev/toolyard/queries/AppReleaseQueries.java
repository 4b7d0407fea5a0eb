package dev.toolyard.queries;

import java.util.Set;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.toolyard.access.AccessEngine;
import dev.toolyard.access.AccessObject;
import dev.toolyard.apps.AppDuplicated;
import dev.toolyard.apps.AppQueryNames;
import dev.toolyard.apps.AppReleasePublished;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.SpaceId;

/**
 * What the apps module's releases and copies need of queries (T-R1, T-AP1). Listens synchronously,
 * inside the publisher's transaction, so a release and its frozen queries (or a copy and its
 * queries) commit together or not at all; and tells the document validator the app's query names.
 */
@Component
class AppReleaseQueries implements AppQueryNames {

    private final ReleasedQueryRepository repository;
    private final AppQueryRepository names;
    private final AccessEngine engine;

    AppReleaseQueries(ReleasedQueryRepository repository, AppQueryRepository names, AccessEngine engine) {
        this.repository = repository;
        this.names = names;
        this.engine = engine;
    }

    @Override
    public Set<String> namesOf(SpaceId space, AppId app) {
        return repository.names(space, app);
    }

    /** Freezes the app's queries and imports under the release's version. */
    @EventListener
    void on(AppReleasePublished published) {
        names.lockNames(published.appId());
        repository.freeze(published.appId(), published.version());
    }

    /**
     * Copies the queries and imports to the copy. The copier must be able to use every resource
     * the queries run on (T-A5): a copy placed where others may use it would otherwise let them
     * run queries its source's owners never opened to them.
     */
    @EventListener
    void on(AppDuplicated duplicated) {
        var caller = duplicated.caller();
        for (var resource : repository.resourcesOf(duplicated.sourceId())) {
            if (engine.level(caller.spaceId(), caller.userId(), new AccessObject.Resource(resource)).isEmpty()) {
                throw new ForbiddenException("app.duplicate_resource_denied", "The app's queries run on a resource "
                        + "you may not use; only someone who may use all its resources can copy it.");
            }
        }
        names.lockNames(duplicated.sourceId());
        repository.copy(duplicated.sourceId(), duplicated.copyId());
    }
}
