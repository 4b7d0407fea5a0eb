package dev.toolyard.access;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.shared.AppId;
import dev.toolyard.shared.FolderId;
import dev.toolyard.shared.ResourceFolderId;
import dev.toolyard.shared.ResourceId;
import dev.toolyard.shared.SpaceId;

/**
 * Reads one space's groups, memberships and grants, and asks the catalogs where objects sit: all of
 * it ({@link #load}), or only the parts a change touched, applied to a snapshot ({@link #apply}).
 */
@Component
class SnapshotLoader {

    /** Ids per query when reading parts again, well under PostgreSQL's limit on parameters. */
    private static final int IDS_PER_QUERY = 1_000;

    private final JdbcClient jdbc;
    private final ObjectProvider<AccessCatalog> catalogs;

    SnapshotLoader(JdbcClient jdbc, ObjectProvider<AccessCatalog> catalogs) {
        this.jdbc = jdbc;
        this.catalogs = catalogs;
    }

    /** One consistent read when it runs on its own; inside a caller's transaction it joins that one. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    SpaceSnapshot load(SpaceId space) {
        var groups = new ArrayList<SpaceSnapshot.Group>();
        var index = new HashMap<UUID, Integer>();
        jdbc.sql("""
                select id, name, built_in, global_app_level, global_resource_level, additional_access
                from permission_groups where space_id = ? order by lower(name), id""")
                .param(space.value())
                .query(rs -> {
                    index.put(rs.getObject("id", UUID.class), groups.size());
                    groups.add(group(rs));
                });
        // Inside a read-committed transaction each statement sees what is committed when it runs: rows of
        // a group made after the first statement are skipped here, and the change that made the group,
        // which the engine applies after this load, adds it whole.
        jdbc.sql("""
                select g.group_id, g.target_kind, g.target_id, g.level from app_grants g
                join permission_groups p on p.id = g.group_id where p.space_id = ?""")
                .param(space.value())
                .query(rs -> {
                    var at = index.get(rs.getObject("group_id", UUID.class));
                    if (at != null) {
                        putGrant(groups.get(at), rs);
                    }
                });
        jdbc.sql("""
                select g.group_id, g.target_kind, g.target_id, g.level from resource_grants g
                join permission_groups p on p.id = g.group_id where p.space_id = ?""")
                .param(space.value())
                .query(rs -> {
                    var at = index.get(rs.getObject("group_id", UUID.class));
                    if (at != null) {
                        putGrant(groups.get(at), rs);
                    }
                });
        var memberships = new HashMap<UUID, int[]>();
        jdbc.sql("""
                select m.user_id, m.group_id from group_memberships m
                join permission_groups p on p.id = m.group_id where p.space_id = ?""")
                .param(space.value())
                .query(rs -> {
                    var group = index.get(rs.getObject("group_id", UUID.class));
                    if (group != null) {
                        memberships.merge(rs.getObject("user_id", UUID.class), new int[] { group }, SnapshotLoader::concat);
                    }
                });
        return new SpaceSnapshot(groups, memberships, placements(space, AccessCatalog.Kind.APPS),
                placements(space, AccessCatalog.Kind.RESOURCES), folders(space, AccessCatalog.Kind.APPS),
                folders(space, AccessCatalog.Kind.RESOURCES));
    }

    /**
     * The snapshot with the named parts read again: groups first (a membership may name a new group),
     * then objects and the grants on them, then users. {@link SnapshotPart#SPACE} loads everything.
     */
    @Transactional(readOnly = true)
    SpaceSnapshot apply(SpaceId space, SpaceSnapshot snapshot, Collection<SnapshotPart> parts) {
        if (parts.contains(SnapshotPart.SPACE)) {
            return load(space);
        }
        var updated = snapshot;
        var groupIds = new LinkedHashSet<UUID>();
        var users = new LinkedHashSet<UUID>();
        var objects = new ArrayList<AccessObject>();
        boolean placements = false;
        for (var part : parts) {
            switch (part.kind()) {
                case GROUP -> groupIds.add(part.id());
                case USER -> users.add(part.id());
                case OBJECTS -> placements = true;
                default -> {
                    placements = true;
                    objects.add(object(part));
                }
            }
        }
        var groups = groups(space, groupIds);
        for (UUID id : groupIds) {
            var group = groups.get(id);
            updated = group != null ? updated.withGroup(group) : updated.withoutGroup(new GroupId(id));
        }
        if (placements) {
            updated = updated.withObjects(placements(space, AccessCatalog.Kind.APPS),
                    placements(space, AccessCatalog.Kind.RESOURCES), folders(space, AccessCatalog.Kind.APPS),
                    folders(space, AccessCatalog.Kind.RESOURCES));
        }
        for (var object : objects) {
            updated = updated.withGrantsOn(object, grantsOn(space, object));
        }
        if (!users.isEmpty()) {
            updated = updated.withMemberships(groupsOf(space, users));
        }
        return updated;
    }

    /** The named groups of the space with all their grants; a group the space no longer has is missing. */
    private Map<UUID, SpaceSnapshot.Group> groups(SpaceId space, Collection<UUID> ids) {
        var groups = new HashMap<UUID, SpaceSnapshot.Group>();
        var all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
            var some = all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY));
            jdbc.sql("""
                    select id, name, built_in, global_app_level, global_resource_level, additional_access
                    from permission_groups where space_id = :space and id in (:ids)""")
                    .param("space", space.value()).param("ids", some)
                    .query(rs -> {
                        groups.put(rs.getObject("id", UUID.class), group(rs));
                    });
            for (String table : new String[] { "app_grants", "resource_grants" }) {
                jdbc.sql("select group_id, target_kind, target_id, level from " + table + " where group_id in (:ids)")
                        .param("ids", some)
                        .query(rs -> {
                            var group = groups.get(rs.getObject("group_id", UUID.class));
                            if (group != null) {
                                putGrant(group, rs);
                            }
                        });
            }
        }
        return groups;
    }

    /** Every group of the space with a grant on the object, and its level. */
    private Map<GroupId, AccessLevel> grantsOn(SpaceId space, AccessObject object) {
        boolean apps = object instanceof AccessObject.App || object instanceof AccessObject.Folder;
        String kind = object instanceof AccessObject.App ? "APP" : object instanceof AccessObject.Folder ? "FOLDER"
                : object instanceof AccessObject.Resource ? "RESOURCE" : "RESOURCE_FOLDER";
        var levels = new HashMap<GroupId, AccessLevel>();
        jdbc.sql("select g.group_id, g.level from " + (apps ? "app_grants" : "resource_grants") + " g "
                + "join permission_groups p on p.id = g.group_id "
                + "where p.space_id = ? and g.target_kind = ? and g.target_id = ?")
                .params(space.value(), kind, SpaceSnapshot.idOf(object))
                .query(rs -> {
                    levels.put(new GroupId(rs.getObject("group_id", UUID.class)), AccessLevel.valueOf(rs.getString("level")));
                });
        return levels;
    }

    /** Each user's groups in the space; a user in none maps to an empty list. */
    private Map<UUID, List<GroupId>> groupsOf(SpaceId space, Collection<UUID> users) {
        var groups = new HashMap<UUID, List<GroupId>>();
        users.forEach(user -> groups.put(user, new ArrayList<>()));
        var all = List.copyOf(users);
        for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
            jdbc.sql("""
                    select m.user_id, m.group_id from group_memberships m
                    join permission_groups p on p.id = m.group_id where p.space_id = :space and m.user_id in (:users)""")
                    .param("space", space.value())
                    .param("users", all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY)))
                    .query(rs -> {
                        groups.get(rs.getObject("user_id", UUID.class))
                                .add(new GroupId(rs.getObject("group_id", UUID.class)));
                    });
        }
        return groups;
    }

    private static AccessObject object(SnapshotPart part) {
        return switch (part.kind()) {
            case APP -> new AccessObject.App(new AppId(part.id()));
            case FOLDER -> new AccessObject.Folder(new FolderId(part.id()));
            case RESOURCE -> new AccessObject.Resource(new ResourceId(part.id()));
            case RESOURCE_FOLDER -> new AccessObject.ResourceFolder(new ResourceFolderId(part.id()));
            default -> throw new IllegalArgumentException(part + " is not an object");
        };
    }

    private Map<UUID, UUID> placements(SpaceId space, AccessCatalog.Kind kind) {
        return catalogs.orderedStream().filter(catalog -> catalog.kind() == kind).findFirst()
                .map(catalog -> catalog.placements(space)).orElseGet(Map::of);
    }

    /** The folders of the space, so a folder of another space is no object here (T-SP2). */
    private Set<UUID> folders(SpaceId space, AccessCatalog.Kind kind) {
        return catalogs.orderedStream().filter(catalog -> catalog.kind() == kind).findFirst()
                .map(catalog -> catalog.folders(space)).orElseGet(Set::of);
    }

    private static SpaceSnapshot.Group group(ResultSet rs) throws SQLException {
        return new SpaceSnapshot.Group(new GroupId(rs.getObject("id", UUID.class)), rs.getString("name"),
                rs.getString("built_in") == null ? null : BuiltInGroup.valueOf(rs.getString("built_in")),
                level(rs.getString("global_app_level")), level(rs.getString("global_resource_level")),
                additional(rs.getArray("additional_access")), new HashMap<>(), new HashMap<>(), new HashMap<>(),
                new HashMap<>());
    }

    /** A row of app_grants or resource_grants into the group's map for its kind of target. */
    private static void putGrant(SpaceSnapshot.Group group, ResultSet rs) throws SQLException {
        var grants = switch (rs.getString("target_kind")) {
            case "FOLDER" -> group.folderGrants();
            case "APP" -> group.appGrants();
            case "RESOURCE_FOLDER" -> group.resourceFolderGrants();
            default -> group.resourceGrants();
        };
        grants.put(rs.getObject("target_id", UUID.class), AccessLevel.valueOf(rs.getString("level")));
    }

    private static int[] concat(int[] a, int[] b) {
        int[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static AccessLevel level(String text) {
        return text == null ? null : AccessLevel.valueOf(text);
    }

    private static EnumSet<AdditionalAccess> additional(Array array) throws SQLException {
        var access = EnumSet.noneOf(AdditionalAccess.class);
        for (String value : (String[]) array.getArray()) {
            access.add(AdditionalAccess.valueOf(value));
        }
        return access;
    }
}
