package dev.toolyard.spaces;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.toolyard.shared.SpaceId;

@Repository
class SpaceRepository {

    private final JdbcClient jdbc;

    SpaceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the name is taken (names are unique regardless of case). */
    boolean insert(Space space) {
        try {
            jdbc.sql("""
                    insert into spaces (id, name, is_admin_space, created_at, updated_at)
                    values (?, ?, ?, ?, ?)""")
                    .params(space.id().value(), space.name(), space.adminSpace(), utc(space.createdAt()),
                            utc(space.updatedAt()))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** @return false when the name is taken. */
    boolean rename(SpaceId id, String name, Instant at) {
        try {
            jdbc.sql("update spaces set name = ?, updated_at = ? where id = ?")
                    .params(name, utc(at), id.value()).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    void delete(SpaceId id) {
        jdbc.sql("delete from spaces where id = ? and not is_admin_space").param(id.value()).update();
    }

    Optional<Space> find(SpaceId id) {
        return jdbc.sql("select * from spaces where id = ?").param(id.value()).query(SpaceRepository::map).optional();
    }

    Optional<Space> findForUpdate(SpaceId id) {
        return jdbc.sql("select * from spaces where id = ? for update").param(id.value())
                .query(SpaceRepository::map).optional();
    }

    Optional<Space> findAdminSpace() {
        return jdbc.sql("select * from spaces where is_admin_space").query(SpaceRepository::map).optional();
    }

    List<Space> all() {
        return jdbc.sql("select * from spaces order by is_admin_space desc, lower(name), id").query(SpaceRepository::map).list();
    }

    /** Ordered by name (case-insensitively), then id, starting after the given key. */
    List<Space> page(String afterName, UUID afterId, int limit) {
        if (afterName == null) {
            return jdbc.sql("select * from spaces order by lower(name), id limit ?")
                    .param(limit).query(SpaceRepository::map).list();
        }
        return jdbc.sql("select * from spaces where (lower(name), id) > (lower(?), ?) order by lower(name), id limit ?")
                .params(afterName, afterId, limit).query(SpaceRepository::map).list();
    }

    private static Space map(ResultSet rs, int row) throws SQLException {
        return new Space(new SpaceId(rs.getObject("id", UUID.class)), rs.getString("name"),
                rs.getBoolean("is_admin_space"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
