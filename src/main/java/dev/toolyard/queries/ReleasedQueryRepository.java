package dev.toolyard.queries;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.toolyard.database.ReadCache;
import dev.toolyard.database.ReadCaches;
import dev.toolyard.resources.ResourceKind;
import dev.toolyard.resources.RunLimits;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.ResourceId;
import dev.toolyard.shared.SpaceId;

/**
 * The queries and imports a release froze (table released_queries, T-R1), and the copies a
 * duplicated app gets. Copies are made by INSERT … SELECT, so a release reads the app's queries
 * as one statement sees them.
 */
@Repository
class ReleasedQueryRepository {

    /** A frozen app query: what a run needs. */
    record FrozenQuery(String name, ResourceId resourceId, ResourceKind resourceKind, List<FieldTemplate> fields,
            RunLimits limits) {
    }

    /** A frozen import: the library query and the version it resolved to when the release was made. */
    record FrozenImport(String name, LibraryQueryId queryId, int version) {
    }

    private record Key(SpaceId space, AppId app, String version, QueryId id) {
    }

    private final JdbcClient jdbc;
    private final QueryJson json;
    /** Every run of a released app reads its frozen query; frozen rows only come and go with releases and apps. */
    private final ReadCache<Key, Optional<FrozenQuery>> frozen;

    ReleasedQueryRepository(JdbcClient jdbc, QueryJson json, ReadCaches caches) {
        this.jdbc = jdbc;
        this.json = json;
        this.frozen = caches.create(10_000, Set.of("released_queries"));
    }

    void freeze(AppId app, String version) {
        frozen.changed();
        jdbc.sql("""
                insert into released_queries (app_id, release_version, space_id, kind, source_id, name, resource_id,
                                              resource_kind, fields, timeout_ms, max_rows, max_bytes)
                select app_id, :version, space_id, 'app', id, name, resource_id, resource_kind, fields, timeout_ms,
                       max_rows, max_bytes
                from app_queries where app_id = :app""")
                .param("version", version).param("app", app.value()).update();
        jdbc.sql("""
                insert into released_queries (app_id, release_version, space_id, kind, source_id, name,
                                              library_query_id, library_version)
                select i.app_id, :version, i.space_id, 'import', i.id, i.name, i.query_id,
                       coalesce(i.pinned_version, q.latest_version)
                from library_imports i join library_queries q on q.id = i.query_id
                where i.app_id = :app""")
                .param("version", version).param("app", app.value()).update();
    }

    Optional<FrozenQuery> query(SpaceId space, AppId app, String version, QueryId id) {
        return frozen.get(new Key(space, app, version, id), key -> read(space, app, version, id));
    }

    private Optional<FrozenQuery> read(SpaceId space, AppId app, String version, QueryId id) {
        return jdbc.sql("""
                select * from released_queries
                where space_id = ? and app_id = ? and release_version = ? and source_id = ? and kind = 'app'""")
                .params(space.value(), app.value(), version, id.value())
                .query((rs, row) -> new FrozenQuery(rs.getString("name"),
                        new ResourceId(rs.getObject("resource_id", UUID.class)),
                        ResourceKind.valueOf(rs.getString("resource_kind")), json.readFields(rs.getString("fields")),
                        new RunLimits(Duration.ofMillis(rs.getInt("timeout_ms")), rs.getInt("max_rows"),
                                rs.getLong("max_bytes"))))
                .optional();
    }

    Optional<FrozenImport> importOf(SpaceId space, AppId app, String version, LibraryImportId id) {
        return jdbc.sql("""
                select * from released_queries
                where space_id = ? and app_id = ? and release_version = ? and source_id = ? and kind = 'import'""")
                .params(space.value(), app.value(), version, id.value())
                .query((rs, row) -> new FrozenImport(rs.getString("name"),
                        new LibraryQueryId(rs.getObject("library_query_id", UUID.class)), rs.getInt("library_version")))
                .optional();
    }

    /** One frozen query or import of a release; {@code fields} is empty for an import. */
    record FrozenEntry(String kind, UUID sourceId, String name, List<FieldTemplate> fields) {
    }

    /** Everything the release froze, in name order. */
    List<FrozenEntry> ofRelease(SpaceId space, AppId app, String version) {
        return jdbc.sql("""
                select kind, source_id, name, fields from released_queries
                where space_id = ? and app_id = ? and release_version = ? order by name""")
                .params(space.value(), app.value(), version)
                .query((rs, row) -> new FrozenEntry(rs.getString("kind"), rs.getObject("source_id", UUID.class),
                        rs.getString("name"), rs.getString("fields") == null ? List.of()
                                : json.readFields(rs.getString("fields"))))
                .list();
    }

    /** Resources the app's own queries use, for the check before it is duplicated. */
    Set<ResourceId> resourcesOf(AppId app) {
        return new HashSet<>(jdbc.sql("select distinct resource_id from app_queries where app_id = ?")
                .param(app.value()).query((rs, row) -> new ResourceId(rs.getObject("resource_id", UUID.class)))
                .list());
    }

    /** Copies the source app's queries and imports to the copy, with new ids. */
    void copy(AppId source, AppId copy) {
        jdbc.sql("""
                insert into app_queries (id, space_id, app_id, name, resource_id, resource_kind, fields, timeout_ms,
                                         max_rows, max_bytes, version, created_at, updated_at)
                select gen_random_uuid(), space_id, :copy, name, resource_id, resource_kind, fields, timeout_ms,
                       max_rows, max_bytes, 1, now(), now()
                from app_queries where app_id = :source""")
                .param("copy", copy.value()).param("source", source.value()).update();
        jdbc.sql("""
                insert into library_imports (id, space_id, app_id, query_id, name, pinned_version, created_at,
                                             updated_at)
                select gen_random_uuid(), space_id, :copy, query_id, name, pinned_version, now(), now()
                from library_imports where app_id = :source""")
                .param("copy", copy.value()).param("source", source.value()).update();
    }

    /** Names of the app's queries and imports, as its document may reference them. */
    Set<String> names(SpaceId space, AppId app) {
        return new HashSet<>(jdbc.sql("""
                select name from app_queries where space_id = :space and app_id = :app
                union all
                select name from library_imports where space_id = :space and app_id = :app""")
                .param("space", space.value()).param("app", app.value()).query(String.class).list());
    }

    /** How many releases of apps still run a version of the library query. */
    long releasesUsingLibraryQuery(LibraryQueryId query) {
        return jdbc.sql("select count(*) from released_queries where library_query_id = ?").param(query.value())
                .query(Long.class).single();
    }

    /** Frozen queries on the resource, by app id and query name, for the check before it is deleted. */
    List<AppQueryUse> onResource(SpaceId space, ResourceId resource) {
        return jdbc.sql("""
                select distinct app_id, name from released_queries where space_id = ? and resource_id = ?
                order by name""")
                .params(space.value(), resource.value())
                .query((rs, row) -> new AppQueryUse(new AppId(rs.getObject("app_id", UUID.class)), rs.getString("name")))
                .list();
    }

    record AppQueryUse(AppId appId, String name) {
    }
}
