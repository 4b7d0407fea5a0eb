package dev.toolyard.identity;

import dev.toolyard.shared.UserId;

/**
 * A person as single sign-on sees them in one space: who they are, their user record's state
 * there ({@code null} when they have none), and whether they have a local password.
 */
public record ExternalAccount(UserId id, String email, String firstName, String lastName, String pictureUrl,
        UserState state, boolean localPassword) {
}
