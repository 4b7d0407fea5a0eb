package dev.toolyard.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

@Repository
class GroupRepository {

    private final JdbcClient jdbc;

    GroupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<PermissionGroup> all(SpaceId space) {
        return jdbc.sql("select * from permission_groups where space_id = ? order by built_in is null, lower(name)")
                .param(space.value()).query(GroupRepository::map).list();
    }

    Optional<PermissionGroup> find(SpaceId space, GroupId id) {
        return jdbc.sql("select * from permission_groups where space_id = ? and id = ?")
                .params(space.value(), id.value()).query(GroupRepository::map).optional();
    }

    Optional<PermissionGroup> findForUpdate(SpaceId space, GroupId id) {
        return jdbc.sql("select * from permission_groups where space_id = ? and id = ? for update")
                .params(space.value(), id.value()).query(GroupRepository::map).optional();
    }

    /** @return false when the name is taken. */
    boolean insert(PermissionGroup group, Instant at) {
        try {
            jdbc.sql("insert into permission_groups (id, space_id, name, created_at) values (?, ?, ?, ?)")
                    .params(group.id().value(), group.spaceId().value(), group.name(), at.atOffset(ZoneOffset.UTC))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    boolean rename(GroupId id, String name) {
        try {
            jdbc.sql("update permission_groups set name = ? where id = ?").params(name, id.value()).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    void delete(GroupId id) {
        jdbc.sql("delete from permission_groups where id = ? and built_in is null").param(id.value()).update();
    }

    Map<GroupId, Long> memberCounts(SpaceId space) {
        var counts = new HashMap<GroupId, Long>();
        jdbc.sql("""
                select g.id, count(m.user_id) as members from permission_groups g
                left join group_memberships m on m.group_id = g.id where g.space_id = ? group by g.id""")
                .param(space.value())
                .query(rs -> {
                    counts.put(new GroupId(rs.getObject("id", UUID.class)), rs.getLong("members"));
                });
        return counts;
    }

    List<UserId> members(GroupId group) {
        return jdbc.sql("select user_id from group_memberships where group_id = ?").param(group.value())
                .query((rs, n) -> new UserId(rs.getObject("user_id", UUID.class))).list();
    }

    List<UserId> groupAdmins(GroupId group) {
        return jdbc.sql("select user_id from group_memberships where group_id = ? and group_admin").param(group.value())
                .query((rs, n) -> new UserId(rs.getObject("user_id", UUID.class))).list();
    }

    boolean isGroupAdmin(GroupId group, UserId user) {
        return jdbc.sql("select exists (select 1 from group_memberships where group_id = ? and user_id = ? and group_admin)")
                .params(group.value(), user.value()).query(Boolean.class).single();
    }

    boolean isGroupAdminOfAny(SpaceId space, UserId user) {
        return jdbc.sql("""
                select exists (select 1 from group_memberships m join permission_groups g on g.id = m.group_id
                               where g.space_id = ? and m.user_id = ? and m.group_admin)""")
                .params(space.value(), user.value()).query(Boolean.class).single();
    }

    /** T-G3: the custom groups in which the person is a group admin. */
    List<PermissionGroup> administeredBy(SpaceId space, UserId user) {
        return jdbc.sql("""
                select g.* from permission_groups g join group_memberships m on m.group_id = g.id
                where g.space_id = ? and m.user_id = ? and m.group_admin and g.built_in is null
                order by lower(g.name)""")
                .params(space.value(), user.value()).query(GroupRepository::map).list();
    }

    /** @return false when the person was a member already. */
    boolean addMember(GroupId group, UserId user, Instant at) {
        return jdbc.sql("insert into group_memberships (group_id, user_id, created_at) values (?, ?, ?) on conflict do nothing")
                .params(group.value(), user.value(), at.atOffset(ZoneOffset.UTC)).update() == 1;
    }

    boolean removeMember(GroupId group, UserId user) {
        return jdbc.sql("delete from group_memberships where group_id = ? and user_id = ?")
                .params(group.value(), user.value()).update() == 1;
    }

    boolean setGroupAdmin(GroupId group, UserId user, boolean admin) {
        return jdbc.sql("update group_memberships set group_admin = ? where group_id = ? and user_id = ?")
                .params(admin, group.value(), user.value()).update() == 1;
    }

    GroupAccess access(GroupId group) {
        var row = jdbc.sql("select global_app_level, global_resource_level, additional_access from permission_groups where id = ?")
                .param(group.value())
                .query((rs, n) -> new Object[] { rs.getString(1), rs.getString(2), rs.getArray(3).getArray() }).single();
        var folders = new HashMap<UUID, AccessLevel>();
        var apps = new HashMap<UUID, AccessLevel>();
        jdbc.sql("select target_kind, target_id, level from app_grants where group_id = ?").param(group.value())
                .query(rs -> {
                    ("FOLDER".equals(rs.getString(1)) ? folders : apps).put(rs.getObject(2, UUID.class),
                            AccessLevel.valueOf(rs.getString(3)));
                });
        var resourceFolders = new HashMap<UUID, AccessLevel>();
        var resources = new HashMap<UUID, AccessLevel>();
        jdbc.sql("select target_kind, target_id, level from resource_grants where group_id = ?").param(group.value())
                .query(rs -> {
                    ("RESOURCE_FOLDER".equals(rs.getString(1)) ? resourceFolders : resources)
                            .put(rs.getObject(2, UUID.class), AccessLevel.valueOf(rs.getString(3)));
                });
        var additional = EnumSet.noneOf(AdditionalAccess.class);
        for (String value : (String[]) row[2]) {
            additional.add(AdditionalAccess.valueOf(value));
        }
        return new GroupAccess(level((String) row[0]), folders, apps, level((String) row[1]), resourceFolders,
                resources, additional);
    }

    void replaceAccess(GroupId group, GroupAccess access) {
        jdbc.sql("update permission_groups set global_app_level = ?, global_resource_level = ?, additional_access = cast(? as text[]) where id = ?")
                .params(name(access.globalApps()), name(access.globalResources()),
                        "{" + String.join(",", access.additional().stream().map(Enum::name).sorted().toList()) + "}",
                        group.value())
                .update();
        jdbc.sql("delete from app_grants where group_id = ?").param(group.value()).update();
        jdbc.sql("delete from resource_grants where group_id = ?").param(group.value()).update();
        access.folders().forEach((id, level) -> putAppGrant(group, "FOLDER", id, level));
        access.apps().forEach((id, level) -> putAppGrant(group, "APP", id, level));
        access.resourceFolders().forEach((id, level) -> putResourceGrant(group, "RESOURCE_FOLDER", id, level));
        access.resources().forEach((id, level) -> putResourceGrant(group, "RESOURCE", id, level));
    }

    /** T-A3: an app created in or moved into a folder takes each group's default of that folder. */
    int applyFolderDefaults(UUID folder, UUID app) {
        return jdbc.sql("""
                insert into app_grants (group_id, target_kind, target_id, level)
                select group_id, 'APP', ?, level from app_grants where target_kind = 'FOLDER' and target_id = ?
                on conflict (group_id, target_kind, target_id) do update set level = excluded.level""")
                .params(app, folder).update();
    }

    int applyResourceFolderDefaults(UUID folder, UUID resource) {
        return jdbc.sql("""
                insert into resource_grants (group_id, target_kind, target_id, level)
                select group_id, 'RESOURCE', ?, level from resource_grants where target_kind = 'RESOURCE_FOLDER' and target_id = ?
                on conflict (group_id, target_kind, target_id) do update set level = excluded.level""")
                .params(resource, folder).update();
    }

    void forgetTargets(String table, Collection<String> kinds, UUID target) {
        jdbc.sql("delete from " + table + " where target_kind in (:kinds) and target_id = :target")
                .param("kinds", kinds).param("target", target).update();
    }

    private void putAppGrant(GroupId group, String kind, UUID target, AccessLevel level) {
        jdbc.sql("insert into app_grants (group_id, target_kind, target_id, level) values (?, ?, ?, ?)")
                .params(group.value(), kind, target, level.name()).update();
    }

    private void putResourceGrant(GroupId group, String kind, UUID target, AccessLevel level) {
        jdbc.sql("insert into resource_grants (group_id, target_kind, target_id, level) values (?, ?, ?, ?)")
                .params(group.value(), kind, target, level.name()).update();
    }

    private static PermissionGroup map(ResultSet rs, int row) throws SQLException {
        String builtIn = rs.getString("built_in");
        return new PermissionGroup(new GroupId(rs.getObject("id", UUID.class)),
                new SpaceId(rs.getObject("space_id", UUID.class)), rs.getString("name"),
                builtIn == null ? null : BuiltInGroup.valueOf(builtIn));
    }

    private static AccessLevel level(String text) {
        return text == null ? null : AccessLevel.valueOf(text);
    }

    private static String name(AccessLevel level) {
        return level == null ? null : level.name();
    }
}
