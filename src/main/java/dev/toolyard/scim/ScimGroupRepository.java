package dev.toolyard.scim;

import static dev.toolyard.scim.ScimUserRepository.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.toolyard.shared.SpaceId;

/** {@code scim_groups}: the custom groups a provider pushes, with its external ids and versions. */
@Repository
class ScimGroupRepository {

    private final JdbcClient jdbc;
    private final ScimTable<ScimGroupRow> table;

    ScimGroupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.table = new ScimTable<>(jdbc, "scim_groups", ScimGroupRepository::map);
    }

    Optional<ScimGroupRow> find(SpaceId space, UUID group, boolean forUpdate) {
        return jdbc.sql("select * from scim_groups where space_id = ? and group_id = ?" + (forUpdate ? " for update" : ""))
                .params(space.value(), group).query(ScimGroupRepository::map).optional();
    }

    Optional<ScimGroupRow> findByName(SpaceId space, String name) {
        return jdbc.sql("select * from scim_groups where space_id = ? and lower(display_name) = lower(?)")
                .params(space.value(), name).query(ScimGroupRepository::map).optional();
    }

    /** The ids of the space's SCIM groups, to show a user's groups. */
    Set<UUID> ids(SpaceId space) {
        return Set.copyOf(jdbc.sql("select group_id from scim_groups where space_id = ?").param(space.value())
                .query(UUID.class).list());
    }

    void insert(SpaceId space, ScimGroupRow row) {
        jdbc.sql("""
                insert into scim_groups (space_id, group_id, external_id, display_name, version, created_at, last_modified)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(space.value(), row.groupId(), row.externalId(), row.displayName(), row.version(),
                        utc(row.created()), utc(row.lastModified()))
                .update();
    }

    void update(SpaceId space, ScimGroupRow row) {
        jdbc.sql("""
                update scim_groups set external_id = ?, display_name = ?, version = ?, last_modified = ?
                where space_id = ? and group_id = ?""")
                .params(row.externalId(), row.displayName(), row.version(), utc(row.lastModified()), space.value(),
                        row.groupId())
                .update();
    }

    void delete(SpaceId space, UUID group) {
        jdbc.sql("delete from scim_groups where space_id = ? and group_id = ?").params(space.value(), group).update();
    }

    /** A change made in the console (members, name) is a new version for the provider too. */
    void touch(UUID group, String displayName, Instant at) {
        jdbc.sql("update scim_groups set display_name = ?, version = version + 1, last_modified = ? where group_id = ?")
                .params(displayName, utc(at), group).update();
    }

    ScimTable.Listed<ScimGroupRow> list(SpaceId space, ListRequest request, SqlFilter.Attributes attributes, String order) {
        return table.list(space, request, attributes, order);
    }

    private static ScimGroupRow map(ResultSet rs, int row) throws SQLException {
        return new ScimGroupRow(rs.getObject("group_id", UUID.class), rs.getString("external_id"),
                rs.getString("display_name"), rs.getLong("version"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("last_modified", OffsetDateTime.class).toInstant());
    }
}
