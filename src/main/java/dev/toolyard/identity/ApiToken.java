package dev.toolyard.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/** T-API2: an access token as it can be shown again: never with its secret, only its prefix. */
public record ApiToken(UUID id, SpaceId spaceId, UserId userId, String name, String secretPrefix,
        Set<ApiScope> scopes, Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {

    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
