package dev.toolyard.access;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/**
 * The built-in groups of each space (T-G1) as other modules need them: provisioned with the
 * space, members added at first start, invitation or approval. Callers authorise; the group
 * pages and API go through {@link GroupManagement}.
 */
@Service
public class PermissionGroups {

    private final JdbcClient jdbc;
    private final AccessEngine engine;
    private final GroupRepository groups;
    private final Clock clock;

    PermissionGroups(JdbcClient jdbc, AccessEngine engine, GroupRepository groups, Clock clock) {
        this.jdbc = jdbc;
        this.engine = engine;
        this.groups = groups;
        this.clock = clock;
    }

    /** Every group of the space, built-in and custom, for modules that keep grants of their own on groups (environments, the query library). Callers authorise. */
    @Transactional(readOnly = true)
    public List<PermissionGroup> all(SpaceId space) {
        return groups.all(space);
    }

    /**
     * Called when a space is made; a space without its built-in groups cannot be administered.
     * Everyone starts with the workspace; editors also with the query library and themes; the
     * Admin group has all additional access by rule.
     */
    @Transactional
    public void provisionBuiltInGroups(SpaceId space) {
        for (var group : BuiltInGroup.values()) {
            jdbc.sql("""
                    insert into permission_groups (id, space_id, name, built_in, created_at, additional_access)
                    values (?, ?, ?, ?, ?, cast(? as text[])) on conflict do nothing""")
                    .params(UUID.randomUUID(), space.value(), group.displayName(), group.name(),
                            clock.instant().atOffset(ZoneOffset.UTC), defaultAdditionalAccess(group))
                    .update();
        }
    }

    private static String defaultAdditionalAccess(BuiltInGroup group) {
        return switch (group) {
            case EDITOR -> "{WORKSPACE,QUERY_LIBRARY,THEMES}";
            case ADMIN -> "{}";
            default -> "{WORKSPACE}";
        };
    }

    @Transactional
    public void addMember(SpaceId space, BuiltInGroup group, UserId user) {
        if (group == BuiltInGroup.ALL_USERS) {
            // T-G1: every user of a space is in All Users; the membership is never stored, so it cannot be edited.
            throw new IllegalArgumentException("All Users membership is automatic");
        }
        jdbc.sql("""
                insert into group_memberships (group_id, user_id, created_at)
                select id, ?, ? from permission_groups where space_id = ? and built_in = ?
                on conflict do nothing""")
                .params(user.value(), clock.instant().atOffset(ZoneOffset.UTC), space.value(), group.name())
                .update();
        engine.changed(space, SnapshotPart.user(user));
    }

    /** A person who leaves a space leaves all its groups. */
    @Transactional
    public void removeFromAllGroups(SpaceId space, UserId user) {
        jdbc.sql("""
                delete from group_memberships gm using permission_groups g
                where g.id = gm.group_id and g.space_id = ? and gm.user_id = ?""")
                .params(space.value(), user.value()).update();
        engine.changed(space, SnapshotPart.user(user));
    }

    /** The names of the groups a person is a member of, All Users included, sorted. */
    public List<String> groupNames(SpaceId space, UserId user) {
        var names = new ArrayList<>(jdbc.sql("""
                select g.name from group_memberships gm join permission_groups g on g.id = gm.group_id
                where g.space_id = ? and gm.user_id = ?""")
                .params(space.value(), user.value()).query(String.class).list());
        names.add(BuiltInGroup.ALL_USERS.displayName());
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }

    public Set<UserId> members(SpaceId space, BuiltInGroup group) {
        return new HashSet<>(jdbc.sql("""
                select gm.user_id from group_memberships gm join permission_groups g on g.id = gm.group_id
                where g.space_id = ? and g.built_in = ?""")
                .params(space.value(), group.name())
                .query((rs, n) -> new UserId(rs.getObject("user_id", UUID.class))).list());
    }

    public boolean isMember(SpaceId space, BuiltInGroup group, UserId user) {
        return jdbc.sql("""
                select exists (select 1 from group_memberships m join permission_groups g on g.id = m.group_id
                               where g.space_id = ? and g.built_in = ? and m.user_id = ?)""")
                .params(space.value(), group.name(), user.value())
                .query(Boolean.class).single();
    }

    public boolean hasMembers(SpaceId space, BuiltInGroup group) {
        return jdbc.sql("""
                select exists (select 1 from group_memberships m join permission_groups g on g.id = m.group_id
                               where g.space_id = ? and g.built_in = ?)""")
                .params(space.value(), group.name())
                .query(Boolean.class).single();
    }
}
