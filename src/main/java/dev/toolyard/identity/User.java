package dev.toolyard.identity;

import java.time.Instant;

import dev.toolyard.shared.UserId;

/** A person's one identity on the instance (T-SP3); their state per space is a membership. */
public record User(UserId id, String email, String firstName, String lastName, Instant createdAt,
        Instant lastSignInAt) {

    public String displayName() {
        String full = (firstName + " " + lastName).strip();
        return full.isEmpty() ? email : full;
    }
}
