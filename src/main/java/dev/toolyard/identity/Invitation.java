package dev.toolyard.identity;

import java.time.Instant;
import java.util.UUID;

import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/** T-U2: an open invitation of a person into a space; its link's secret is never stored. */
public record Invitation(UUID id, SpaceId spaceId, UserId userId, Instant createdAt, Instant expiresAt) {

    public boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
