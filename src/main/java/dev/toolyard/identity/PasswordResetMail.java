package dev.toolyard.identity;

import java.time.Instant;

/** A reset link to e-mail once the request is committed; only {@link PasswordResetMailer} sees the link. */
record PasswordResetMail(String email, String link, Instant expiresAt) {

    @Override
    public String toString() {
        return "PasswordResetMail[" + email + "]";
    }
}
