package dev.toolyard.access;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.shared.SpaceId;

/** Reads one space's groups, memberships and grants, and asks the catalogs where objects sit. */
@Component
class SnapshotLoader {

    private final JdbcClient jdbc;
    private final ObjectProvider<AccessCatalog> catalogs;

    SnapshotLoader(JdbcClient jdbc, ObjectProvider<AccessCatalog> catalogs) {
        this.jdbc = jdbc;
        this.catalogs = catalogs;
    }

    @Transactional(readOnly = true)
    SpaceSnapshot load(SpaceId space) {
        var groups = new ArrayList<SpaceSnapshot.Group>();
        var index = new HashMap<UUID, Integer>();
        jdbc.sql("""
                select id, name, built_in, global_app_level, global_resource_level, additional_access
                from permission_groups where space_id = ? order by lower(name), id""")
                .param(space.value())
                .query(rs -> {
                    var id = rs.getObject("id", UUID.class);
                    index.put(id, groups.size());
                    groups.add(new SpaceSnapshot.Group(new GroupId(id), rs.getString("name"),
                            rs.getString("built_in") == null ? null : BuiltInGroup.valueOf(rs.getString("built_in")),
                            level(rs.getString("global_app_level")), level(rs.getString("global_resource_level")),
                            additional(rs.getArray("additional_access")), new HashMap<>(), new HashMap<>(),
                            new HashMap<>(), new HashMap<>()));
                });
        jdbc.sql("""
                select g.group_id, g.target_kind, g.target_id, g.level from app_grants g
                join permission_groups p on p.id = g.group_id where p.space_id = ?""")
                .param(space.value())
                .query(rs -> {
                    var group = groups.get(index.get(rs.getObject("group_id", UUID.class)));
                    var grants = "FOLDER".equals(rs.getString("target_kind")) ? group.folderGrants() : group.appGrants();
                    grants.put(rs.getObject("target_id", UUID.class), AccessLevel.valueOf(rs.getString("level")));
                });
        jdbc.sql("""
                select g.group_id, g.target_kind, g.target_id, g.level from resource_grants g
                join permission_groups p on p.id = g.group_id where p.space_id = ?""")
                .param(space.value())
                .query(rs -> {
                    var group = groups.get(index.get(rs.getObject("group_id", UUID.class)));
                    var grants = "RESOURCE_FOLDER".equals(rs.getString("target_kind")) ? group.resourceFolderGrants()
                            : group.resourceGrants();
                    grants.put(rs.getObject("target_id", UUID.class), AccessLevel.valueOf(rs.getString("level")));
                });
        var memberships = new HashMap<UUID, int[]>();
        jdbc.sql("""
                select m.user_id, m.group_id from group_memberships m
                join permission_groups p on p.id = m.group_id where p.space_id = ?""")
                .param(space.value())
                .query(rs -> {
                    int group = index.get(rs.getObject("group_id", UUID.class));
                    memberships.merge(rs.getObject("user_id", UUID.class), new int[] { group }, SnapshotLoader::concat);
                });
        return new SpaceSnapshot(groups, memberships, placements(space, AccessCatalog.Kind.APPS),
                placements(space, AccessCatalog.Kind.RESOURCES), folders(space, AccessCatalog.Kind.APPS),
                folders(space, AccessCatalog.Kind.RESOURCES));
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
