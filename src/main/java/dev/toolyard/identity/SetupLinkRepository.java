package dev.toolyard.identity;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SetupLinkRepository {

    private final JdbcClient jdbc;

    SetupLinkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Only the newest link works: issuing one retires those printed before. */
    void replaceWith(String tokenHash, Instant now, Instant expiresAt) {
        jdbc.sql("update admin_setup_links set revoked_at = ? where used_at is null and revoked_at is null")
                .param(utc(now)).update();
        jdbc.sql("insert into admin_setup_links (token_hash, created_at, expires_at) values (?, ?, ?)")
                .params(tokenHash, utc(now), utc(expiresAt)).update();
    }

    boolean usable(String tokenHash, Instant now) {
        return jdbc.sql("""
                select exists (select 1 from admin_setup_links where token_hash = ? and used_at is null
                               and revoked_at is null and expires_at > ?)""")
                .params(tokenHash, utc(now)).query(Boolean.class).single();
    }

    /** Marks the link used; false when it was not usable, so two people cannot both use it. */
    boolean claim(String tokenHash, Instant now) {
        return jdbc.sql("""
                update admin_setup_links set used_at = ?
                where token_hash = ? and used_at is null and revoked_at is null and expires_at > ?""")
                .params(utc(now), tokenHash, utc(now)).update() == 1;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
