package dev.toolyard.resources;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.toolyard.shared.ResourceFolderId;
import dev.toolyard.shared.ResourceId;
import dev.toolyard.shared.SpaceId;

@Repository
class ResourceRepository {

    /** A row before the caller's level is known. */
    record Row(ResourceId id, ResourceFolderId folderId, String name, ResourceKind kind, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final RunRowCache runRows;

    ResourceRepository(JdbcClient jdbc, RunRowCache runRows) {
        this.jdbc = jdbc;
        this.runRows = runRows;
    }

    boolean insertFolder(SpaceId space, ResourceFolder folder) {
        try {
            jdbc.sql("insert into resource_folders (id, space_id, name, created_at) values (?, ?, ?, ?)")
                    .params(folder.id().value(), space.value(), folder.name(), utc(folder.createdAt())).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    boolean renameFolder(ResourceFolderId id, String name) {
        try {
            jdbc.sql("update resource_folders set name = ? where id = ?").params(name, id.value()).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    void deleteFolder(ResourceFolderId id) {
        jdbc.sql("delete from resource_folders where id = ?").param(id.value()).update();
    }

    boolean folderEmpty(ResourceFolderId id) {
        return !jdbc.sql("select exists (select 1 from resources where folder_id = ?)").param(id.value())
                .query(Boolean.class).single();
    }

    Optional<ResourceFolder> folder(SpaceId space, ResourceFolderId id) {
        return jdbc.sql("select * from resource_folders where space_id = ? and id = ?")
                .params(space.value(), id.value()).query(ResourceRepository::mapFolder).optional();
    }

    List<ResourceFolder> folders(SpaceId space) {
        return jdbc.sql("select * from resource_folders where space_id = ? order by lower(name), id")
                .param(space.value()).query(ResourceRepository::mapFolder).list();
    }

    Set<UUID> folderIds(SpaceId space) {
        return new HashSet<>(jdbc.sql("select id from resource_folders where space_id = ?").param(space.value())
                .query(UUID.class).list());
    }

    /** @return false when the name is taken. */
    boolean insert(SpaceId space, Row resource) {
        runRows.changed();
        try {
            jdbc.sql("insert into resources (id, space_id, folder_id, name, kind, created_at) values (?, ?, ?, ?, ?, ?)")
                    .params(resource.id().value(), space.value(),
                            resource.folderId() == null ? null : resource.folderId().value(), resource.name(),
                            resource.kind().name(), utc(resource.createdAt()))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** @return false when the name is taken. */
    boolean update(Row resource) {
        runRows.changed();
        try {
            jdbc.sql("update resources set name = ?, folder_id = ? where id = ?")
                    .params(resource.name(), resource.folderId() == null ? null : resource.folderId().value(),
                            resource.id().value())
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    void delete(ResourceId id) {
        runRows.changed();
        jdbc.sql("delete from resources where id = ?").param(id.value()).update();
    }

    Optional<Row> find(SpaceId space, ResourceId id) {
        return jdbc.sql("select * from resources where space_id = ? and id = ?").params(space.value(), id.value())
                .query(ResourceRepository::map).optional();
    }

    List<Row> all(SpaceId space) {
        return jdbc.sql("select * from resources where space_id = ? order by lower(name), id").param(space.value())
                .query(ResourceRepository::map).list();
    }

    Map<UUID, UUID> placements(SpaceId space) {
        var placements = new HashMap<UUID, UUID>();
        jdbc.sql("select id, folder_id from resources where space_id = ?").param(space.value())
                .query(rs -> {
                    placements.put(rs.getObject("id", UUID.class), rs.getObject("folder_id", UUID.class));
                });
        return placements;
    }

    private static ResourceFolder mapFolder(ResultSet rs, int row) throws SQLException {
        return new ResourceFolder(new ResourceFolderId(rs.getObject("id", UUID.class)), rs.getString("name"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    static Row map(ResultSet rs, int row) throws SQLException {
        var folder = rs.getObject("folder_id", UUID.class);
        return new Row(new ResourceId(rs.getObject("id", UUID.class)), folder == null ? null : new ResourceFolderId(folder),
                rs.getString("name"), ResourceKind.valueOf(rs.getString("kind")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
