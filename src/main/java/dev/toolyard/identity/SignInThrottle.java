package dev.toolyard.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins in the database, not in memory, so that every node of a cluster applies
 * the same limit and a restart does not reset it.
 */
@Component
class SignInThrottle {

    private final JdbcClient jdbc;
    private final SignInProperties properties;
    private final Clock clock;

    SignInThrottle(JdbcClient jdbc, SignInProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** How long until a sign-in may be tried again, when the account or the address is over its limit. */
    Optional<Duration> retryAfter(String account, String clientAddress) {
        var now = clock.instant();
        var since = now.minus(properties.window());
        var byAccount = oldestWhenOver("account", account, since, properties.maxFailuresPerAccount());
        var byAddress = oldestWhenOver("client_address", clientAddress, since, properties.maxFailuresPerAddress());
        return byAccount.or(() -> byAddress)
                .map(oldest -> Duration.between(now, oldest.plus(properties.window())))
                .map(wait -> wait.isNegative() ? Duration.ZERO : wait);
    }

    void recordFailure(String account, String clientAddress) {
        var now = clock.instant();
        jdbc.sql("delete from sign_in_failures where failed_at < ?").param(utc(now.minus(properties.window())))
                .update();
        jdbc.sql("insert into sign_in_failures (account, client_address, failed_at) values (?, ?, ?)")
                .params(account, clientAddress, utc(now)).update();
    }

    void clearAccount(String account) {
        jdbc.sql("delete from sign_in_failures where account = ?").param(account).update();
    }

    /** The failure that must age out of the window before the next attempt: the limit-th newest. */
    private Optional<Instant> oldestWhenOver(String column, String key, Instant since, int limit) {
        return jdbc.sql("select failed_at from sign_in_failures where " + column + " = ? and failed_at >= ?"
                + " order by failed_at desc offset ? limit 1")
                .params(key, utc(since), limit - 1)
                .query(OffsetDateTime.class).optional()
                .map(OffsetDateTime::toInstant);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
