package dev.toolyard.identity;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

@Repository
class ApiTokenRepository {

    private final JdbcClient jdbc;

    ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ApiToken token, String secretHash) {
        jdbc.sql("""
                insert into api_tokens (id, space_id, user_id, name, secret_hash, secret_prefix, scopes, created_at,
                    expires_at)
                values (:id, :space, :user, :name, :hash, :prefix, :scopes::text[], :created, :expires)""")
                .param("id", token.id())
                .param("space", token.spaceId().value())
                .param("user", token.userId().value())
                .param("name", token.name())
                .param("hash", secretHash)
                .param("prefix", token.secretPrefix())
                .param("scopes", "{" + String.join(",", token.scopes().stream().map(ApiScope::value).sorted().toList()) + "}")
                .param("created", utc(token.createdAt()))
                .param("expires", token.expiresAt() == null ? null : utc(token.expiresAt()))
                .update();
    }

    /** The token with this secret, with what its owner may do, in one statement (a request's only lookup). */
    Optional<PresentedToken> findPresented(String secretHash, SpaceId adminSpace) {
        return jdbc.sql("""
                select t.*, u.email as owner_email, coalesce(m.state = 'ENABLED', false) as owner_enabled,
                    m.last_active_at as owner_last_active_at,
                    exists (select 1 from space_memberships a
                            where a.space_id = ? and a.user_id = t.user_id and a.state = 'ENABLED') as owner_in_admin_space
                from api_tokens t
                join users u on u.id = t.user_id
                left join space_memberships m on m.space_id = t.space_id and m.user_id = t.user_id
                where t.secret_hash = ?""")
                .params(adminSpace.value(), secretHash)
                .query((rs, n) -> new PresentedToken(map(rs, n), rs.getString("owner_email"),
                        rs.getBoolean("owner_enabled"), rs.getBoolean("owner_in_admin_space"),
                        instant(rs, "owner_last_active_at")))
                .optional();
    }

    Optional<ApiToken> find(SpaceId space, UUID id) {
        return jdbc.sql("select * from api_tokens where space_id = ? and id = ?").params(space.value(), id)
                .query(ApiTokenRepository::map).optional();
    }

    List<ApiToken> listOwnedBy(SpaceId space, UserId user) {
        return jdbc.sql("select * from api_tokens where space_id = ? and user_id = ? order by created_at desc, id")
                .params(space.value(), user.value()).query(ApiTokenRepository::map).list();
    }

    void revoke(UUID id, Instant at) {
        jdbc.sql("update api_tokens set revoked_at = ? where id = ? and revoked_at is null")
                .params(utc(at), id).update();
    }

    /** Written at most once a minute per token: a busy token must not write on every request. */
    void touch(UUID id, Instant at) {
        jdbc.sql("update api_tokens set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)")
                .params(utc(at), id, utc(at.minus(Activity.INTERVAL))).update();
    }

    private static ApiToken map(ResultSet rs, int row) throws SQLException {
        return new ApiToken(rs.getObject("id", UUID.class), new SpaceId(rs.getObject("space_id", UUID.class)),
                new UserId(rs.getObject("user_id", UUID.class)), rs.getString("name"), rs.getString("secret_prefix"),
                scopes(rs.getArray("scopes")), instant(rs, "created_at"), instant(rs, "expires_at"),
                instant(rs, "revoked_at"), instant(rs, "last_used_at"));
    }

    private static EnumSet<ApiScope> scopes(Array array) throws SQLException {
        var scopes = EnumSet.noneOf(ApiScope.class);
        Arrays.stream((String[]) array.getArray()).map(ApiScope::fromValue).flatMap(Optional::stream)
                .forEach(scopes::add);
        return scopes;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
