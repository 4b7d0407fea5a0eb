package dev.toolyard.identity;

import java.time.Instant;

import dev.toolyard.shared.UserId;

/** T-U1: a person's user record in one space, as the users page lists it. */
public record SpaceUser(UserId id, String email, String firstName, String lastName, UserState state, boolean admin,
        Instant lastActiveAt, Instant joinedAt) {

    public String displayName() {
        String full = (firstName + " " + lastName).strip();
        return full.isEmpty() ? email : full;
    }
}
