package dev.toolyard.identity;

import java.time.Duration;
import java.time.Instant;

/**
 * When a token's last use or a person's last activity is worth writing: at most once a minute,
 * so a busy client costs reads only. The repositories' updates carry the same condition, so two
 * requests that both find it due still write once.
 */
final class Activity {

    static final Duration INTERVAL = Duration.ofMinutes(1);

    private Activity() {
    }

    static boolean due(Instant last, Instant now) {
        return last == null || last.isBefore(now.minus(INTERVAL));
    }
}
