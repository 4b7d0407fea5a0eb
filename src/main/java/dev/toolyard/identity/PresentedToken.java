package dev.toolyard.identity;

import java.time.Instant;

/**
 * An access token as one request presents it, read with its owner in one statement: what the
 * request needs to authenticate and to know who is calling, so neither costs another round trip.
 *
 * @param enabled whether the owner is enabled in the token's space
 * @param enabledInAdminSpace whether the owner is enabled in the admin space (instance admins are
 *        its Admin group's enabled members)
 * @param lastActiveAt when the owner was last seen in the token's space, to write it at most once a minute
 */
record PresentedToken(ApiToken token, String ownerEmail, boolean enabled, boolean enabledInAdminSpace,
        Instant lastActiveAt) {
}
