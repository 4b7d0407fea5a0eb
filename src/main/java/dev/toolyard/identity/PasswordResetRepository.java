package dev.toolyard.identity;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.toolyard.shared.UserId;

@Repository
class PasswordResetRepository {

    private final JdbcClient jdbc;

    PasswordResetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertLink(String tokenHash, UserId user, Instant now, Instant expiresAt) {
        jdbc.sql("insert into password_reset_links (token_hash, user_id, created_at, expires_at) values (?, ?, ?, ?)")
                .params(tokenHash, user.value(), utc(now), utc(expiresAt)).update();
    }

    /** The user a link resets, while it is unused, not revoked and not expired. */
    Optional<UserId> usableLink(String tokenHash, Instant now) {
        return jdbc.sql("""
                select user_id from password_reset_links
                where token_hash = ? and used_at is null and revoked_at is null and expires_at > ?""")
                .params(tokenHash, utc(now))
                .query((rs, n) -> new UserId(rs.getObject("user_id", UUID.class))).optional();
    }

    /** Marks the link used; false when it was not usable, so two people cannot both use it. */
    boolean claim(String tokenHash, Instant now) {
        return jdbc.sql("""
                update password_reset_links set used_at = ?
                where token_hash = ? and used_at is null and revoked_at is null and expires_at > ?""")
                .params(utc(now), tokenHash, utc(now)).update() == 1;
    }

    /** Retires every outstanding link of the user: a new password makes older links pointless. */
    void revokeOutstanding(UserId user, Instant now) {
        jdbc.sql("""
                update password_reset_links set revoked_at = ?
                where user_id = ? and used_at is null and revoked_at is null""")
                .params(utc(now), user.value()).update();
    }

    void recordRequest(String email, String clientAddress, Instant now, Instant forgetBefore) {
        jdbc.sql("delete from password_reset_requests where requested_at < ?").param(utc(forgetBefore)).update();
        jdbc.sql("insert into password_reset_requests (email, client_address, requested_at) values (?, ?, ?)")
                .params(email, clientAddress, utc(now)).update();
    }

    /** When the request that must age out of the window was made, if the key is at its limit. */
    Optional<Instant> oldestWhenAtLimit(String column, String key, Instant since, int limit) {
        return jdbc.sql("select requested_at from password_reset_requests where " + column + " = ?"
                + " and requested_at >= ? order by requested_at desc offset ? limit 1")
                .params(key, utc(since), limit - 1)
                .query(OffsetDateTime.class).optional()
                .map(OffsetDateTime::toInstant);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
