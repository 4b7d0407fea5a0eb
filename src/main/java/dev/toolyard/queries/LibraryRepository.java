package dev.toolyard.queries;

import static dev.toolyard.queries.AppQueryRepository.instant;
import static dev.toolyard.queries.AppQueryRepository.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.toolyard.access.GroupId;
import dev.toolyard.resources.ResourceKind;
import dev.toolyard.resources.RunLimits;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.ResourceId;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

@Repository
class LibraryRepository {

    /** A version in a list: who published it, when, and why. */
    record VersionLine(int version, String notes, Instant publishedAt, String publishedBy) {
    }

    /** An import as the library's usage lists it. */
    record ImportLine(LibraryImportId id, AppId appId, String name, Integer pinnedVersion) {
    }

    private final JdbcClient jdbc;
    private final QueryJson json;

    LibraryRepository(JdbcClient jdbc, QueryJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** @return false when the name is taken in the space. */
    boolean insert(SpaceId space, LibraryQuery query) {
        try {
            jdbc.sql("""
                    insert into library_queries (id, space_id, name, description, open_to_library, latest_version,
                                                 created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(query.id().value(), space.value(), query.name(), query.description(),
                            query.openToLibrary(), query.latestVersion(), utc(query.createdAt()), utc(query.updatedAt()))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Name, description and openness; @return false when the name is taken in the space. */
    boolean update(LibraryQuery query) {
        try {
            jdbc.sql("update library_queries set name = ?, description = ?, open_to_library = ?, updated_at = ? where id = ?")
                    .params(query.name(), query.description(), query.openToLibrary(), utc(query.updatedAt()),
                            query.id().value())
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    void delete(LibraryQueryId id) {
        jdbc.sql("delete from library_queries where id = ?").param(id.value()).update();
    }

    Optional<LibraryQuery> find(SpaceId space, LibraryQueryId id) {
        return jdbc.sql("select * from library_queries where space_id = ? and id = ?")
                .params(space.value(), id.value()).query(LibraryRepository::map).optional();
    }

    /** The query with its row locked: publishing and changes to one query take turns. */
    Optional<LibraryQuery> findForUpdate(SpaceId space, LibraryQueryId id) {
        return jdbc.sql("select * from library_queries where space_id = ? and id = ? for update")
                .params(space.value(), id.value()).query(LibraryRepository::map).optional();
    }

    /**
     * One page of the library queries a person may use, by name: all of them ({@code everything})
     * or those open to the library or granted to one of {@code groups}; {@code search} matches
     * name or description, case-insensitively.
     */
    List<LibraryQuery> page(SpaceId space, boolean everything, Collection<GroupId> groups, String search,
            String afterName, UUID afterId, int limit) {
        var sql = new StringBuilder("select * from library_queries q where q.space_id = :space");
        var params = new LinkedHashMap<String, Object>();
        params.put("space", space.value());
        if (!everything) {
            sql.append(" and (q.open_to_library or exists (select 1 from library_query_grants g"
                    + " where g.query_id = q.id and g.group_id in (:groups)))");
            params.put("groups", groups.isEmpty() ? List.of(UUID.randomUUID())
                    : groups.stream().map(GroupId::value).toList());
        }
        if (search != null) {
            sql.append(" and (q.name ilike :pattern escape '\\' or q.description ilike :pattern escape '\\')");
            params.put("pattern", "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (afterName != null) {
            sql.append(" and (lower(q.name), q.id) > (:afterName, :afterId)");
            params.put("afterName", afterName);
            params.put("afterId", afterId);
        }
        sql.append(" order by lower(q.name), q.id limit :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query(LibraryRepository::map).list();
    }

    /** Called with the query's row locked (findForUpdate), so versions are numbered without gaps or twins. */
    void setLatestVersion(LibraryQueryId id, int version, Instant at) {
        jdbc.sql("update library_queries set latest_version = ?, updated_at = ? where id = ?")
                .params(version, utc(at), id.value()).update();
    }

    void insertVersion(LibraryVersion version) {
        jdbc.sql("""
                insert into library_query_versions (query_id, version, resource_id, resource_kind, fields, parameters,
                        timeout_ms, max_rows, max_bytes, notes, published_at, published_by, published_by_label)
                values (?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?)""")
                .params(version.queryId().value(), version.version(), version.resourceId().value(),
                        version.resourceKind().name(), json.writeFields(version.fields()),
                        json.writeParameters(version.parameters()), version.limits().timeout().toMillis(),
                        version.limits().maxRows(), version.limits().maxBytes(), version.notes(),
                        utc(version.publishedAt()), version.publishedBy().value(), version.publishedByLabel())
                .update();
    }

    Optional<LibraryVersion> version(LibraryQueryId id, int version) {
        return jdbc.sql("select * from library_query_versions where query_id = ? and version = ?")
                .params(id.value(), version).query(this::mapVersion).optional();
    }

    /** Every version, newest first. */
    List<VersionLine> versions(LibraryQueryId id) {
        return jdbc.sql("""
                select version, notes, published_at, published_by_label from library_query_versions
                where query_id = ? order by version desc""")
                .param(id.value())
                .query((rs, row) -> new VersionLine(rs.getInt("version"), rs.getString("notes"),
                        instant(rs, "published_at"), rs.getString("published_by_label")))
                .list();
    }

    Map<GroupId, LibraryLevel> grants(LibraryQueryId id) {
        var grants = new LinkedHashMap<GroupId, LibraryLevel>();
        jdbc.sql("select group_id, level from library_query_grants where query_id = ? order by group_id")
                .param(id.value())
                .query(rs -> {
                    grants.put(new GroupId(rs.getObject("group_id", UUID.class)), LibraryLevel.valueOf(rs.getString("level")));
                });
        return grants;
    }

    void replaceGrants(LibraryQueryId id, Map<GroupId, LibraryLevel> grants) {
        jdbc.sql("delete from library_query_grants where query_id = ?").param(id.value()).update();
        grants.forEach((group, level) -> jdbc.sql("insert into library_query_grants (query_id, group_id, level) values (?, ?, ?)")
                .params(id.value(), group.value(), level.name()).update());
    }

    void insertImport(SpaceId space, LibraryImportId id, AppId app, LibraryQueryId query, String name,
            Integer pinnedVersion, Instant at) {
        jdbc.sql("""
                insert into library_imports (id, space_id, app_id, query_id, name, pinned_version, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id.value(), space.value(), app.value(), query.value(), name, pinnedVersion, utc(at), utc(at))
                .update();
    }

    void updateImport(LibraryImportId id, String name, Integer pinnedVersion, Instant at) {
        jdbc.sql("update library_imports set name = ?, pinned_version = ?, updated_at = ? where id = ?")
                .params(name, pinnedVersion, utc(at), id.value()).update();
    }

    void deleteImport(LibraryImportId id) {
        jdbc.sql("delete from library_imports where id = ?").param(id.value()).update();
    }

    private static final String IMPORTS = """
            select i.*, q.name as query_name, q.latest_version from library_imports i
            join library_queries q on q.id = i.query_id
            """;

    Optional<LibraryImport> findImport(SpaceId space, AppId app, LibraryImportId id) {
        return jdbc.sql(IMPORTS + " where i.space_id = ? and i.app_id = ? and i.id = ?")
                .params(space.value(), app.value(), id.value()).query(LibraryRepository::mapImport).optional();
    }

    List<LibraryImport> importsOfApp(SpaceId space, AppId app) {
        return jdbc.sql(IMPORTS + " where i.space_id = ? and i.app_id = ? order by lower(i.name), i.id")
                .params(space.value(), app.value()).query(LibraryRepository::mapImport).list();
    }

    List<ImportLine> importsOfQuery(SpaceId space, LibraryQueryId query) {
        return jdbc.sql("select * from library_imports where space_id = ? and query_id = ? order by app_id, lower(name)")
                .params(space.value(), query.value())
                .query((rs, row) -> new ImportLine(new LibraryImportId(rs.getObject("id", UUID.class)),
                        new AppId(rs.getObject("app_id", UUID.class)), rs.getString("name"),
                        (Integer) rs.getObject("pinned_version")))
                .list();
    }

    /** Library queries with at least one version on the resource, for the check before a resource is deleted. */
    List<LibraryQuery> onResource(SpaceId space, ResourceId resource) {
        return jdbc.sql("""
                select * from library_queries q where q.space_id = ? and exists (
                    select 1 from library_query_versions v where v.query_id = q.id and v.resource_id = ?)
                order by lower(q.name), q.id""")
                .params(space.value(), resource.value()).query(LibraryRepository::map).list();
    }

    private static LibraryQuery map(ResultSet rs, int row) throws SQLException {
        return new LibraryQuery(new LibraryQueryId(rs.getObject("id", UUID.class)), rs.getString("name"),
                rs.getString("description"), rs.getBoolean("open_to_library"), rs.getInt("latest_version"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private LibraryVersion mapVersion(ResultSet rs, int row) throws SQLException {
        return new LibraryVersion(new LibraryQueryId(rs.getObject("query_id", UUID.class)), rs.getInt("version"),
                new ResourceId(rs.getObject("resource_id", UUID.class)), ResourceKind.valueOf(rs.getString("resource_kind")),
                json.readFields(rs.getString("fields")), json.readParameters(rs.getString("parameters")),
                new RunLimits(Duration.ofMillis(rs.getInt("timeout_ms")), rs.getInt("max_rows"), rs.getLong("max_bytes")),
                rs.getString("notes"), instant(rs, "published_at"), new UserId(rs.getObject("published_by", UUID.class)),
                rs.getString("published_by_label"));
    }

    private static LibraryImport mapImport(ResultSet rs, int row) throws SQLException {
        var pinned = (Integer) rs.getObject("pinned_version");
        return new LibraryImport(new LibraryImportId(rs.getObject("id", UUID.class)),
                new AppId(rs.getObject("app_id", UUID.class)), new LibraryQueryId(rs.getObject("query_id", UUID.class)),
                rs.getString("query_name"), rs.getString("name"), pinned,
                pinned == null ? rs.getInt("latest_version") : pinned, instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }
}
