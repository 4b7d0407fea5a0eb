package dev.toolyard.queries;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

@Repository
class AppQueryRepository {

    private final JdbcClient jdbc;
    private final QueryJson json;
    /** Every run reads its query: kept in memory until app_queries changes (issue 4's run speed). */
    private final ReadCache<Key, Optional<AppQuery>> cache;

    private record Key(SpaceId space, AppId app, QueryId id) {
    }

    AppQueryRepository(JdbcClient jdbc, QueryJson json, ReadCaches caches) {
        this.jdbc = jdbc;
        this.json = json;
        this.cache = caches.create(10_000, Set.of("app_queries"));
    }

    /**
     * Serialises changes to the names of one app's queries and imports until the transaction
     * ends: a name must be free in two tables, which no single unique index can promise.
     */
    void lockNames(AppId app) {
        jdbc.sql("select pg_advisory_xact_lock(?)")
                .param(app.value().getMostSignificantBits() ^ app.value().getLeastSignificantBits())
                .query().singleRow();
    }

    /** Whether an app query or import of the app has the name (case-insensitively), other than {@code except}. */
    boolean nameTaken(AppId app, String name, UUID except) {
        return jdbc.sql("""
                select exists (select 1 from app_queries where app_id = :app and lower(name) = lower(:name)
                                   and id is distinct from :except
                               union all
                               select 1 from library_imports where app_id = :app and lower(name) = lower(:name)
                                   and id is distinct from :except)""")
                .param("app", app.value()).param("name", name).param("except", except)
                .query(Boolean.class).single();
    }

    void insert(SpaceId space, AppQuery query) {
        cache.changed();
        jdbc.sql("""
                insert into app_queries (id, space_id, app_id, name, resource_id, resource_kind, fields, timeout_ms,
                                         max_rows, max_bytes, version, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?)""")
                .params(query.id().value(), space.value(), query.appId().value(), query.name(),
                        query.resourceId().value(), query.resourceKind().name(), json.writeFields(query.fields()),
                        query.limits().timeout().toMillis(), query.limits().maxRows(), query.limits().maxBytes(),
                        query.version(), utc(query.createdAt()), utc(query.updatedAt()))
                .update();
    }

    void update(AppQuery query) {
        cache.changed();
        jdbc.sql("""
                update app_queries set name = ?, resource_id = ?, resource_kind = ?, fields = cast(? as jsonb),
                                       timeout_ms = ?, max_rows = ?, max_bytes = ?, version = ?, updated_at = ?
                where id = ?""")
                .params(query.name(), query.resourceId().value(), query.resourceKind().name(),
                        json.writeFields(query.fields()), query.limits().timeout().toMillis(),
                        query.limits().maxRows(), query.limits().maxBytes(), query.version(), utc(query.updatedAt()),
                        query.id().value())
                .update();
    }

    void delete(QueryId id) {
        cache.changed();
        jdbc.sql("delete from app_queries where id = ?").param(id.value()).update();
    }

    List<AppQuery> ofApp(SpaceId space, AppId app) {
        return jdbc.sql("select * from app_queries where space_id = ? and app_id = ? order by lower(name), id")
                .params(space.value(), app.value()).query(this::map).list();
    }

    Optional<AppQuery> find(SpaceId space, AppId app, QueryId id) {
        return cache.get(new Key(space, app, id), key -> jdbc.sql(
                "select * from app_queries where space_id = ? and app_id = ? and id = ?")
                .params(space.value(), app.value(), id.value()).query(this::map).optional());
    }

    /** The query, its row locked until the transaction ends, so a save sees the version it replaces. */
    Optional<AppQuery> findForUpdate(SpaceId space, AppId app, QueryId id) {
        return jdbc.sql("select * from app_queries where space_id = ? and app_id = ? and id = ? for update")
                .params(space.value(), app.value(), id.value()).query(this::map).optional();
    }

    /** App queries on the resource, for the check before a resource is deleted. */
    List<AppQuery> onResource(SpaceId space, ResourceId resource) {
        return jdbc.sql("select * from app_queries where space_id = ? and resource_id = ? order by lower(name), id")
                .params(space.value(), resource.value()).query(this::map).list();
    }

    private AppQuery map(ResultSet rs, int row) throws SQLException {
        return new AppQuery(new QueryId(rs.getObject("id", UUID.class)), new AppId(rs.getObject("app_id", UUID.class)),
                rs.getString("name"), new ResourceId(rs.getObject("resource_id", UUID.class)),
                ResourceKind.valueOf(rs.getString("resource_kind")), json.readFields(rs.getString("fields")),
                new RunLimits(Duration.ofMillis(rs.getInt("timeout_ms")), rs.getInt("max_rows"), rs.getLong("max_bytes")),
                rs.getInt("version"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
