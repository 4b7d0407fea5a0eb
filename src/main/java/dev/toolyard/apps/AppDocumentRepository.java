package dev.toolyard.apps;

import java.sql.ResultSet;
import java.sql.SQLException;
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
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.SpaceId;

/** Draft documents and releases, as canonical JSON text (tables app_documents, app_releases). */
@Repository
class AppDocumentRepository {

    /** A stored draft: the canonical text and its version. */
    record Stored(String text, int version, String updatedBy, Instant updatedAt) {
    }

    /** A stored release with its frozen document. */
    record StoredRelease(Release release, int major, int minor, int patch, String text) {
    }

    private record AppKey(SpaceId space, AppId app) {
    }

    private final JdbcClient jdbc;
    /** Every run of an app's query asks which release is live: kept until app_releases changes. */
    private final ReadCache<AppKey, Optional<String>> liveVersions;

    AppDocumentRepository(JdbcClient jdbc, ReadCaches caches) {
        this.jdbc = jdbc;
        this.liveVersions = caches.create(10_000, Set.of("app_releases"));
    }

    void insert(SpaceId space, AppId app, String text, Caller caller, Instant at) {
        jdbc.sql("""
                insert into app_documents (app_id, space_id, document, version, updated_by, updated_by_label, updated_at)
                values (?, ?, ?, 1, ?, ?, ?)""")
                .params(app.value(), space.value(), text, caller.userId() == null ? null : caller.userId().value(),
                        caller.label(), utc(at))
                .update();
    }

    Optional<Stored> find(SpaceId space, AppId app) {
        return jdbc.sql("select * from app_documents where space_id = ? and app_id = ?")
                .params(space.value(), app.value()).query(AppDocumentRepository::mapStored).optional();
    }

    /** The draft, its row locked until the transaction ends, so a save sees the version it replaces. */
    Optional<Stored> findForUpdate(SpaceId space, AppId app) {
        return jdbc.sql("select * from app_documents where space_id = ? and app_id = ? for update")
                .params(space.value(), app.value()).query(AppDocumentRepository::mapStored).optional();
    }

    void update(AppId app, String text, int version, Caller caller, Instant at) {
        jdbc.sql("""
                update app_documents set document = ?, version = ?, updated_by = ?, updated_by_label = ?, updated_at = ?
                where app_id = ?""")
                .params(text, version, caller.userId() == null ? null : caller.userId().value(), caller.label(), utc(at),
                        app.value())
                .update();
    }

    void insertRelease(SpaceId space, AppId app, int major, int minor, int patch, String notes, String text,
            Caller caller, Instant at) {
        liveVersions.changed();
        jdbc.sql("update app_releases set live = false where app_id = ? and live").param(app.value()).update();
        jdbc.sql("""
                insert into app_releases (app_id, space_id, major, minor, patch, version, notes, document, live,
                                          created_by, created_by_label, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, true, ?, ?, ?)""")
                .params(app.value(), space.value(), major, minor, patch, major + "." + minor + "." + patch, notes, text,
                        caller.userId() == null ? null : caller.userId().value(), caller.label(), utc(at))
                .update();
    }

    /** Releases of the app, newest (highest version) first. */
    List<StoredRelease> releases(SpaceId space, AppId app) {
        return jdbc.sql("""
                select app_id, major, minor, patch, version, notes, live, created_by_label, created_at, '' as document
                from app_releases where space_id = ? and app_id = ? order by major desc, minor desc, patch desc""")
                .params(space.value(), app.value()).query(AppDocumentRepository::mapRelease).list();
    }

    Optional<StoredRelease> release(SpaceId space, AppId app, String version) {
        return jdbc.sql("select * from app_releases where space_id = ? and app_id = ? and version = ?")
                .params(space.value(), app.value(), version).query(AppDocumentRepository::mapRelease).optional();
    }

    /** The live release's version; empty before the first release. */
    Optional<String> liveVersion(SpaceId space, AppId app) {
        return liveVersions.get(new AppKey(space, app), key -> jdbc.sql(
                "select version from app_releases where space_id = ? and app_id = ? and live")
                .params(space.value(), app.value()).query(String.class).optional());
    }

    Optional<StoredRelease> live(SpaceId space, AppId app) {
        return jdbc.sql("select * from app_releases where space_id = ? and app_id = ? and live")
                .params(space.value(), app.value()).query(AppDocumentRepository::mapRelease).optional();
    }

    void makeLive(AppId app, String version) {
        liveVersions.changed();
        jdbc.sql("update app_releases set live = false where app_id = ? and live and version <> ?")
                .params(app.value(), version).update();
        jdbc.sql("update app_releases set live = true where app_id = ? and version = ?")
                .params(app.value(), version).update();
    }

    /** Serialises publishing per app, so two publishers cannot take the same next version. */
    void lockReleases(AppId app) {
        jdbc.sql("select 1 from app_documents where app_id = ? for update").param(app.value()).query().singleRow();
    }

    private static Stored mapStored(ResultSet rs, int row) throws SQLException {
        return new Stored(rs.getString("document"), rs.getInt("version"), rs.getString("updated_by_label"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private static StoredRelease mapRelease(ResultSet rs, int row) throws SQLException {
        var release = new Release(new AppId(rs.getObject("app_id", UUID.class)), rs.getString("version"),
                rs.getString("notes"), rs.getBoolean("live"), rs.getString("created_by_label"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
        return new StoredRelease(release, rs.getInt("major"), rs.getInt("minor"), rs.getInt("patch"),
                rs.getString("document"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
