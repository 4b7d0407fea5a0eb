package dev.toolyard.resources;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.toolyard.access.GroupId;
import dev.toolyard.shared.SpaceId;

@Repository
class EnvironmentRepository {

    /** An environment as stored, before the caller's right to use it is known. */
    record Row(UUID id, String name, boolean builtIn, boolean limited, List<GroupId> groups, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final RunRowCache runRows;

    EnvironmentRepository(JdbcClient jdbc, RunRowCache runRows) {
        this.jdbc = jdbc;
        this.runRows = runRows;
    }

    /** Production first, then staging, then the others by name. */
    List<Row> all(SpaceId space) {
        var groups = groups(space);
        return jdbc.sql("""
                select * from environments where space_id = ?
                order by built_in desc, name = 'staging', lower(name)""")
                .param(space.value())
                .query((rs, n) -> map(rs, groups.getOrDefault(rs.getObject("id", UUID.class), List.of()))).list();
    }

    Optional<Row> find(SpaceId space, String name) {
        return jdbc.sql("select * from environments where space_id = ? and lower(name) = lower(?)")
                .params(space.value(), name)
                .query((rs, n) -> map(rs, groupsOf(rs.getObject("id", UUID.class)))).optional();
    }

    /** @return false when the name is taken. */
    boolean insert(SpaceId space, Row row) {
        runRows.changed();
        try {
            jdbc.sql("insert into environments (id, space_id, name, built_in, limited, created_at) values (?, ?, ?, false, ?, ?)")
                    .params(row.id(), space.value(), row.name(), row.limited(), row.createdAt().atOffset(ZoneOffset.UTC))
                    .update();
        } catch (DuplicateKeyException e) {
            return false;
        }
        replaceGroups(row.id(), row.groups());
        return true;
    }

    /** @return false when the name is taken. */
    boolean update(Row row) {
        runRows.changed();
        try {
            jdbc.sql("update environments set name = ?, limited = ? where id = ?")
                    .params(row.name(), row.limited(), row.id()).update();
        } catch (DuplicateKeyException e) {
            return false;
        }
        replaceGroups(row.id(), row.groups());
        return true;
    }

    /** Its configurations go with it (cascade). */
    void delete(UUID id) {
        runRows.changed();
        jdbc.sql("delete from environments where id = ?").param(id).update();
    }

    private void replaceGroups(UUID environment, List<GroupId> groups) {
        runRows.changed();
        jdbc.sql("delete from environment_groups where environment_id = ?").param(environment).update();
        for (var group : groups) {
            jdbc.sql("insert into environment_groups (environment_id, group_id) values (?, ?) on conflict do nothing")
                    .params(environment, group.value()).update();
        }
    }

    private List<GroupId> groupsOf(UUID environment) {
        return jdbc.sql("select group_id from environment_groups where environment_id = ? order by group_id")
                .param(environment).query((rs, n) -> new GroupId(rs.getObject(1, UUID.class))).list();
    }

    private Map<UUID, List<GroupId>> groups(SpaceId space) {
        var groups = new HashMap<UUID, List<GroupId>>();
        jdbc.sql("""
                select eg.environment_id, eg.group_id from environment_groups eg
                join environments e on e.id = eg.environment_id where e.space_id = ? order by eg.group_id""")
                .param(space.value())
                .query((rs, n) -> groups.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
                        .add(new GroupId(rs.getObject(2, UUID.class))))
                .list();
        return groups;
    }

    private static Row map(ResultSet rs, List<GroupId> groups) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getString("name"), rs.getBoolean("built_in"),
                rs.getBoolean("limited"), groups, rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
    }
}
