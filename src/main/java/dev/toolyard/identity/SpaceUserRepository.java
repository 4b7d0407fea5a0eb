package dev.toolyard.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/** User records of a space: memberships joined with people, invitations, attributes, allowed domains. */
@Repository
class SpaceUserRepository {

    /**
     * {@code id} and {@code member_id} are the same value; each order's cursor compares the one its
     * index holds (users_name_order, space_memberships_activity_order in V8), so that PostgreSQL can
     * start the page's index scan at the cursor instead of filtering every row before it.
     */
    private static final String SELECT = """
            select u.id, m.user_id as member_id, u.email, u.first_name, u.last_name, m.state, m.last_active_at,
                   m.created_at,
                   u.id = any(cast(:admins as uuid[])) as admin,
                   lower(coalesce(nullif(trim(u.first_name || ' ' || u.last_name), ''), u.email)) as name_key
            from space_memberships m join users u on u.id = m.user_id
            """;

    private final JdbcClient jdbc;
    private final PresentedTokens presentedTokens;

    SpaceUserRepository(JdbcClient jdbc, PresentedTokens presentedTokens) {
        this.jdbc = jdbc;
        this.presentedTokens = presentedTokens;
    }

    /** {@code admins}: the members of the space's Admin group, as the access module knows them. */
    Optional<SpaceUser> find(SpaceId space, UserId user, Set<UserId> admins) {
        return jdbc.sql(SELECT + " where m.space_id = :space and m.user_id = :user")
                .param("admins", ids(admins)).param("space", space.value()).param("user", user.value())
                .query(SpaceUserRepository::map).optional();
    }

    /**
     * One page plus one row more, so the caller knows whether another page follows. To be called in
     * a transaction (the plan setting below lasts until it ends).
     */
    List<Row> search(SpaceId space, UserQuery query, List<String> after, Set<UserId> admins) {
        // How many users a text and a filter match differs by orders of magnitude, and so does the best
        // plan: walk an order's index and stop after a page, or find the few matches by trigrams and sort
        // them. A generic plan (reused after five runs of a prepared statement) cannot know which, and
        // walked all 100,000 users for a text nobody matches; so plan every search with its values.
        jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
        var sql = new StringBuilder("select * from (" + SELECT + " where m.space_id = :space");
        var params = new LinkedHashMap<String, Object>();
        params.put("space", space.value());
        params.put("admins", ids(admins));
        switch (query.filter()) {
            case ALL -> sql.append(" and m.state <> 'DISABLED'");
            case ADMINS -> sql.append(" and m.state <> 'DISABLED' and u.id = any(cast(:admins as uuid[]))");
            default -> {
                sql.append(" and m.state = :state");
                params.put("state", query.filter().name());
            }
        }
        if (!query.text().isEmpty()) {
            sql.append(" and lower(u.email || ' ' || u.first_name || ' ' || u.last_name) like :text");
            params.put("text", "%" + escapeLike(query.text().toLowerCase(Locale.ROOT)) + "%");
        }
        sql.append(") page");
        if (query.sort() == UserSort.NAME) {
            if (!after.isEmpty()) {
                sql.append(" where (name_key, id) > (:afterKey, :afterId)");
                params.put("afterKey", after.get(0));
                params.put("afterId", UUID.fromString(after.get(1)));
            }
            sql.append(" order by name_key, id");
        } else {
            if (!after.isEmpty()) {
                sql.append(" where (coalesce(last_active_at, '-infinity'::timestamptz), member_id)"
                        + " < (cast(:afterTime as timestamptz), :afterId)");
                params.put("afterTime", after.get(0).isEmpty() ? "-infinity" : OffsetDateTime.parse(after.get(0)).toString());
                params.put("afterId", UUID.fromString(after.get(1)));
            }
            sql.append(" order by coalesce(last_active_at, '-infinity'::timestamptz) desc, member_id desc");
        }
        sql.append(" limit :limit");
        params.put("limit", query.page().limit() + 1);
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new Row(map(rs, n), rs.getString("name_key"))).list();
    }

    record Row(SpaceUser user, String nameKey) {
    }

    void setState(SpaceId space, UserId user, UserState state) {
        jdbc.sql("update space_memberships set state = ? where space_id = ? and user_id = ?")
                .params(state.name(), space.value(), user.value()).update();
        presentedTokens.changed();
    }

    void removeMembership(SpaceId space, UserId user) {
        jdbc.sql("delete from space_memberships where space_id = ? and user_id = ?")
                .params(space.value(), user.value()).update();
        presentedTokens.changed();
    }

    void insertInvitation(Invitation invitation, String tokenHash, UserId invitedBy) {
        jdbc.sql("""
                insert into invitations (id, space_id, user_id, token_hash, invited_by, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(invitation.id(), invitation.spaceId().value(), invitation.userId().value(), tokenHash,
                        invitedBy.value(), utc(invitation.createdAt()), utc(invitation.expiresAt()))
                .update();
    }

    Optional<Invitation> openInvitation(SpaceId space, UserId user) {
        return jdbc.sql("""
                select * from invitations where space_id = ? and user_id = ? and accepted_at is null
                and revoked_at is null""").params(space.value(), user.value())
                .query(SpaceUserRepository::mapInvitation).optional();
    }

    Optional<Invitation> openInvitationByToken(String tokenHash) {
        return jdbc.sql("select * from invitations where token_hash = ? and accepted_at is null and revoked_at is null")
                .param(tokenHash).query(SpaceUserRepository::mapInvitation).optional();
    }

    void revokeInvitation(UUID id, Instant at) {
        jdbc.sql("update invitations set revoked_at = ? where id = ? and revoked_at is null and accepted_at is null")
                .params(utc(at), id).update();
    }

    /** @return false when someone else accepted or revoked it first. */
    boolean acceptInvitation(UUID id, Instant at) {
        return jdbc.sql("update invitations set accepted_at = ? where id = ? and accepted_at is null and revoked_at is null")
                .params(utc(at), id).update() == 1;
    }

    Map<String, String> attributes(SpaceId space, UserId user) {
        var attributes = new LinkedHashMap<String, String>();
        jdbc.sql("select key, value from user_attributes where space_id = ? and user_id = ? order by key")
                .params(space.value(), user.value())
                .query(rs -> {
                    attributes.put(rs.getString("key"), rs.getString("value"));
                });
        return attributes;
    }

    /** An enabled user of the space with their attributes there, in one round trip. */
    Optional<UserProfile> profile(SpaceId space, UserId user) {
        var attributes = new LinkedHashMap<String, String>();
        var names = new ArrayList<String>(3);
        jdbc.sql("""
                select u.email, u.first_name, u.last_name, u.picture_url, a.key, a.value
                from space_memberships m
                join users u on u.id = m.user_id
                left join user_attributes a on a.space_id = m.space_id and a.user_id = m.user_id
                where m.space_id = ? and m.user_id = ? and m.state = 'ENABLED'
                order by a.key""")
                .params(space.value(), user.value())
                .query(rs -> {
                    if (names.isEmpty()) {
                        names.addAll(Arrays.asList(rs.getString("email"), rs.getString("first_name"),
                                rs.getString("last_name"), rs.getString("picture_url")));
                    }
                    if (rs.getString("key") != null) {
                        attributes.put(rs.getString("key"), rs.getString("value"));
                    }
                });
        if (names.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UserProfile(user, names.get(0), names.get(1), names.get(2), attributes, names.get(3)));
    }

    Optional<String> attribute(SpaceId space, UserId user, String key) {
        return jdbc.sql("select value from user_attributes where space_id = ? and user_id = ? and key = ?")
                .params(space.value(), user.value(), key).query(String.class).optional();
    }

    void putAttribute(SpaceId space, UserId user, String key, String value) {
        jdbc.sql("""
                insert into user_attributes (space_id, user_id, key, value) values (?, ?, ?, ?)
                on conflict (space_id, user_id, key) do update set value = excluded.value""")
                .params(space.value(), user.value(), key, value).update();
    }

    void removeAttribute(SpaceId space, UserId user, String key) {
        jdbc.sql("delete from user_attributes where space_id = ? and user_id = ? and key = ?")
                .params(space.value(), user.value(), key).update();
    }

    List<String> allowedDomains(SpaceId space) {
        return jdbc.sql("select domain from space_allowed_domains where space_id = ? order by domain")
                .param(space.value()).query(String.class).list();
    }

    void replaceAllowedDomains(SpaceId space, List<String> domains) {
        jdbc.sql("delete from space_allowed_domains where space_id = ?").param(space.value()).update();
        for (String domain : domains) {
            jdbc.sql("insert into space_allowed_domains (space_id, domain) values (?, ?)")
                    .params(space.value(), domain).update();
        }
    }

    List<SpaceId> spacesAllowingDomain(String domain) {
        return jdbc.sql("select space_id from space_allowed_domains where domain = ?").param(domain)
                .query((rs, n) -> new SpaceId(rs.getObject("space_id", UUID.class))).list();
    }

    private static SpaceUser map(ResultSet rs, int row) throws SQLException {
        var lastActive = rs.getObject("last_active_at", OffsetDateTime.class);
        return new SpaceUser(new UserId(rs.getObject("id", UUID.class)), rs.getString("email"),
                rs.getString("first_name"), rs.getString("last_name"), UserState.valueOf(rs.getString("state")),
                rs.getBoolean("admin"), lastActive == null ? null : lastActive.toInstant(),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static Invitation mapInvitation(ResultSet rs, int row) throws SQLException {
        return new Invitation(rs.getObject("id", UUID.class), new SpaceId(rs.getObject("space_id", UUID.class)),
                new UserId(rs.getObject("user_id", UUID.class)),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("expires_at", OffsetDateTime.class).toInstant());
    }

    private static String[] ids(Set<UserId> users) {
        return users.stream().map(UserId::toString).toArray(String[]::new);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
