package dev.toolyard.identity;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;

import dev.toolyard.shared.UserId;

/**
 * What a session remembers between a correct password and the second factor: whose password it
 * was, and until when the code may follow. The session is not signed in meanwhile.
 */
record PendingTwoFactor(UserId user, String email, Instant expiresAt) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
