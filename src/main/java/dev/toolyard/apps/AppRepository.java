package dev.toolyard.apps;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
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

import dev.toolyard.shared.AppId;
import dev.toolyard.shared.FolderId;
import dev.toolyard.shared.SpaceId;

@Repository
class AppRepository {

    private final JdbcClient jdbc;

    AppRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean insertFolder(SpaceId space, Folder folder) {
        try {
            jdbc.sql("insert into folders (id, space_id, name, created_at) values (?, ?, ?, ?)")
                    .params(folder.id().value(), space.value(), folder.name(), utc(folder.createdAt())).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    boolean renameFolder(FolderId id, String name) {
        try {
            jdbc.sql("update folders set name = ? where id = ?").params(name, id.value()).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    void deleteFolder(FolderId id) {
        jdbc.sql("delete from folders where id = ?").param(id.value()).update();
    }

    Optional<Folder> folder(SpaceId space, FolderId id) {
        return jdbc.sql("select * from folders where space_id = ? and id = ?").params(space.value(), id.value())
                .query(AppRepository::mapFolder).optional();
    }

    List<Folder> folders(SpaceId space) {
        return jdbc.sql("select * from folders where space_id = ? order by lower(name), id").param(space.value())
                .query(AppRepository::mapFolder).list();
    }

    Set<UUID> folderIds(SpaceId space) {
        return new HashSet<>(jdbc.sql("select id from folders where space_id = ?").param(space.value())
                .query(UUID.class).list());
    }

    boolean folderEmpty(FolderId id) {
        return !jdbc.sql("select exists (select 1 from apps where folder_id = ?)").param(id.value())
                .query(Boolean.class).single();
    }

    void insertApp(SpaceId space, App app) {
        jdbc.sql("insert into apps (id, space_id, folder_id, name, kind, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(app.id().value(), space.value(), app.folderId() == null ? null : app.folderId().value(),
                        app.name(), app.kind().value(), utc(app.createdAt()))
                .update();
    }

    void updateApp(App app) {
        jdbc.sql("update apps set name = ?, folder_id = ? where id = ?")
                .params(app.name(), app.folderId() == null ? null : app.folderId().value(), app.id().value()).update();
    }

    void deleteApp(AppId id) {
        jdbc.sql("delete from apps where id = ?").param(id.value()).update();
    }

    Optional<App> app(SpaceId space, AppId id) {
        return jdbc.sql("select * from apps where space_id = ? and id = ?").params(space.value(), id.value())
                .query(AppRepository::mapApp).optional();
    }

    List<App> apps(SpaceId space, Collection<AppId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from apps where space_id = :space and id in (:ids) order by lower(name), id")
                .param("space", space.value()).param("ids", ids.stream().map(AppId::value).toList())
                .query(AppRepository::mapApp).list();
    }

    List<App> allApps(SpaceId space) {
        return jdbc.sql("select * from apps where space_id = ? order by lower(name), id").param(space.value())
                .query(AppRepository::mapApp).list();
    }

    Map<UUID, UUID> placements(SpaceId space) {
        var placements = new HashMap<UUID, UUID>();
        jdbc.sql("select id, folder_id from apps where space_id = ?").param(space.value())
                .query(rs -> {
                    placements.put(rs.getObject("id", UUID.class), rs.getObject("folder_id", UUID.class));
                });
        return placements;
    }

    private static Folder mapFolder(ResultSet rs, int row) throws SQLException {
        return new Folder(new FolderId(rs.getObject("id", UUID.class)), rs.getString("name"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static App mapApp(ResultSet rs, int row) throws SQLException {
        var folder = rs.getObject("folder_id", UUID.class);
        return new App(new AppId(rs.getObject("id", UUID.class)), folder == null ? null : new FolderId(folder),
                rs.getString("name"), AppKind.of(rs.getString("kind")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
