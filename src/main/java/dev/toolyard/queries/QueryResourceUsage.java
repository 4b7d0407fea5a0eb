package dev.toolyard.queries;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.toolyard.apps.AppManagement;
import dev.toolyard.resources.ResourceUsage;
import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ResourceId;

/**
 * Refuses deleting a resource that app queries or library query versions use: the queries would
 * break, and a library version, immutable, could never be mended. Names what the caller may
 * see (apps they may use, library queries they may use) and counts the rest.
 */
@Component
class QueryResourceUsage implements ResourceUsage {

    private final AppQueryRepository queries;
    private final ReleasedQueryRepository released;
    private final LibraryRepository library;
    private final LibraryAccess libraryAccess;
    private final AppManagement apps;

    QueryResourceUsage(AppQueryRepository queries, ReleasedQueryRepository released, LibraryRepository library, LibraryAccess libraryAccess,
            AppManagement apps) {
        this.queries = queries;
        this.released = released;
        this.library = library;
        this.libraryAccess = libraryAccess;
        this.apps = apps;
    }

    @Override
    public List<String> usesOf(Caller caller, ResourceId resource) {
        var uses = new ArrayList<String>();
        var appNames = new HashMap<AppId, String>();
        if (caller.has(ApiScope.APPS_READ)) {
            apps.apps(caller, null).forEach(app -> appNames.put(app.app().id(), app.app().name()));
        }
        int hiddenQueries = 0;
        for (var query : queries.onResource(caller.spaceId(), resource)) {
            String app = appNames.get(query.appId());
            if (app == null) {
                hiddenQueries++;
            } else {
                uses.add("query '" + query.name() + "' of app '" + app + "'");
            }
        }
        // T-R1: releases keep running the queries they froze, even ones the draft has dropped.
        for (var frozen : released.onResource(caller.spaceId(), resource)) {
            String app = appNames.get(frozen.appId());
            if (app == null) {
                hiddenQueries++;
            } else {
                uses.add("query '" + frozen.name() + "' of a release of app '" + app + "'");
            }
        }
        if (hiddenQueries > 0) {
            uses.add(hiddenQueries + (hiddenQueries == 1 ? " query" : " queries") + " of apps you cannot see");
        }
        int hiddenLibrary = 0;
        for (var query : library.onResource(caller.spaceId(), resource)) {
            if (libraryAccess.level(caller, query, library.grants(query.id())).isPresent()) {
                uses.add("library query '" + query.name() + "'");
            } else {
                hiddenLibrary++;
            }
        }
        if (hiddenLibrary > 0) {
            uses.add(hiddenLibrary + (hiddenLibrary == 1 ? " library query" : " library queries") + " you cannot see");
        }
        return uses;
    }
}
