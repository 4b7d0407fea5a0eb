package dev.toolyard.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.spaces.SpaceManagement;

/**
 * T-API2: people make access tokens for machines. A token acts as its owner in the space it was
 * made in, limited to its scopes; it can never hold a scope the maker's own token lacks.
 */
@Service
public class ApiTokenManagement {

    static final String SECRET_PREFIX = "tyd_";
    private static final int SHOWN_PREFIX_LENGTH = SECRET_PREFIX.length() + 6;
    private static final int MAX_NAME_LENGTH = 80;

    private final ApiTokenRepository tokens;
    private final PresentedTokens presented;
    private final SpaceManagement spaces;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ApiTokenManagement(ApiTokenRepository tokens, PresentedTokens presented, SpaceManagement spaces,
            ApplicationEventPublisher events, Clock clock) {
        this.tokens = tokens;
        this.presented = presented;
        this.spaces = spaces;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public IssuedApiToken create(Caller caller, String name, Set<ApiScope> scopes, Instant expiresAt) {
        caller.requireScope(ApiScope.TOKENS_WRITE);
        String validName = name == null ? "" : name.strip();
        if (validName.isEmpty() || validName.length() > MAX_NAME_LENGTH) {
            throw InvalidInputException.of("name", "field.size",
                    "name must be between 1 and " + MAX_NAME_LENGTH + " characters");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw InvalidInputException.of("scopes", "field.required", "choose at least one scope");
        }
        if (!caller.scopes().containsAll(scopes)) {
            throw new ForbiddenException("access.insufficient_scope",
                    "A token cannot make a token with scopes it does not have itself.");
        }
        if (scopes.contains(ApiScope.METRICS_READ) && !caller.instanceAdmin()) {
            throw InvalidInputException.of("scopes", "token.scope_not_allowed",
                    "only instance admins can make tokens with the scope metrics:read");
        }
        var now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw InvalidInputException.of("expiresAt", "field.future", "expiresAt must be in the future");
        }
        String secret = SecretTokens.generate(SECRET_PREFIX);
        var token = new ApiToken(UUID.randomUUID(), caller.spaceId(), caller.userId(), validName,
                secret.substring(0, SHOWN_PREFIX_LENGTH), EnumSet.copyOf(scopes), now, expiresAt, null, null);
        tokens.insert(token, SecretTokens.hash(secret));
        events.publishEvent(new ApiTokenCreated(caller, token));
        return new IssuedApiToken(token, secret);
    }

    /** The caller's own tokens in the current space, newest first. */
    @Transactional(readOnly = true)
    public List<ApiToken> listOwn(Caller caller) {
        caller.requireScope(ApiScope.TOKENS_READ);
        return tokens.listOwnedBy(caller.spaceId(), caller.userId());
    }

    /** Takes effect on the next request: tokens are looked up on every request, never cached. */
    @Transactional
    public ApiToken revoke(Caller caller, UUID id) {
        caller.requireScope(ApiScope.TOKENS_WRITE);
        var token = tokens.find(caller.spaceId(), id)
                .filter(found -> found.userId().equals(caller.userId()) || caller.instanceAdmin())
                .orElseThrow(() -> new NotFoundException("token.not_found", "There is no access token " + id + "."));
        if (token.revokedAt() != null) {
            return token;
        }
        var now = clock.instant();
        tokens.revoke(id, now);
        presented.changed();
        events.publishEvent(new ApiTokenRevoked(caller, token));
        return new ApiToken(token.id(), token.spaceId(), token.userId(), token.name(), token.secretPrefix(),
                token.scopes(), token.createdAt(), token.expiresAt(), now, token.lastUsedAt());
    }

    /**
     * The active token with this secret whose owner may still use the space, if any: from
     * {@link PresentedTokens}, which a revocation, a disabled owner or a removed membership clears,
     * so such a token fails the very next request on this node and within milliseconds on the
     * others. The last use is written only when the one on record is a minute old, so a busy token
     * reads only.
     */
    Optional<PresentedToken> authenticate(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            return Optional.empty();
        }
        var now = clock.instant();
        var found = presented.find(SecretTokens.hash(secret), spaces.adminSpaceId())
                .filter(token -> token.token().activeAt(now) && token.enabled());
        found.map(PresentedToken::token).filter(token -> Activity.due(token.lastUsedAt(), now)).ifPresent(token -> {
            tokens.touch(token.id(), now);
            presented.changed();
        });
        return found;
    }
}
