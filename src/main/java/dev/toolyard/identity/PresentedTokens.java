package dev.toolyard.identity;

import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.toolyard.database.ReadCache;
import dev.toolyard.database.ReadCaches;
import dev.toolyard.shared.SpaceId;

/**
 * The tokens presented to this node, with what their owners may do, kept in memory until a
 * statement changes tokens, people or memberships on any node (V22): an API client sends its
 * token with every request, and reading it back each time was a round trip per request (issue 4).
 * Revocation, disabling and removal stay immediate: the node that makes such a change clears the
 * cache at its commit ({@link #changed()}, called by the repositories that write them), and the
 * other nodes when the change's notification arrives, milliseconds later. A secret nobody issued
 * is never remembered, so guessing cannot fill the cache.
 */
@Component
class PresentedTokens {

    private final ApiTokenRepository tokens;
    private final ReadCache<String, PresentedToken> cache;

    PresentedTokens(ApiTokenRepository tokens, ReadCaches caches) {
        this.tokens = tokens;
        this.cache = caches.create(10_000, Set.of("api_tokens", "users", "space_memberships"));
    }

    Optional<PresentedToken> find(String secretHash, SpaceId adminSpace) {
        return Optional.ofNullable(cache.get(secretHash,
                hash -> tokens.findPresented(hash, adminSpace).orElse(null)));
    }

    /** A token, a person or a membership changed here: no request after the commit may see it as before. */
    void changed() {
        cache.changed();
    }
}
