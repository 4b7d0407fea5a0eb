package dev.toolyard.sso;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The assertions that already signed someone in (T-ID2, V20). Remembered in the database, not in
 * memory, so that a second node refuses an assertion the first one accepted. The insert itself is
 * the check: of two concurrent uses, exactly one inserts.
 */
@Repository
class SamlAssertionReplays {

    private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AtomicReference<Instant> lastCleanup = new AtomicReference<>(Instant.MIN);

    SamlAssertionReplays(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** True the first time an issuer's assertion id is presented; false for every later time while remembered. */
    boolean firstUse(String issuer, String assertionId, Instant rememberUntil) {
        Instant now = clock.instant();
        removeExpired(now);
        return jdbc.sql("""
                insert into saml_used_assertions (issuer, assertion_id, expires_at) values (?, ?, ?)
                on conflict (issuer, assertion_id) do nothing""")
                .params(issuer, assertionId, OffsetDateTime.ofInstant(rememberUntil, ZoneOffset.UTC))
                .update() == 1;
    }

    /** At most once a minute per node: expired ids can no longer be accepted, so they need no memory. */
    private void removeExpired(Instant now) {
        Instant last = lastCleanup.get();
        if (now.isBefore(last.plus(CLEANUP_INTERVAL)) || !lastCleanup.compareAndSet(last, now)) {
            return;
        }
        jdbc.sql("delete from saml_used_assertions where expires_at < ?")
                .param(OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).update();
    }
}
