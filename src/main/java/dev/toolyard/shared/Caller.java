package dev.toolyard.shared;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who makes a request, in which space, and through what: a signed-in session may do all its user
 * may do; an access token only what its scopes allow as well. Services take the caller as their
 * first argument so that console and API are authorised by the same code. {@code claims} are what
 * the identity provider of a single sign-on session said about the person (T-CU1), as plain JSON
 * values; empty for password sessions, tokens and the system.
 */
public record Caller(UserId userId, String label, SpaceId spaceId, boolean instanceAdmin, boolean spaceAdmin,
        Channel channel, Set<ApiScope> scopes, String clientAddress, Map<String, Object> claims) {

    /** SYSTEM: Toolyard itself, at start (T-D2's sample), never a request. */
    public enum Channel { SESSION, TOKEN, SYSTEM }

    public Caller {
        Objects.requireNonNull(userId, "user id must not be null");
        Objects.requireNonNull(label, "label must not be null");
        Objects.requireNonNull(spaceId, "space id must not be null");
        Objects.requireNonNull(channel, "channel must not be null");
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
        claims = claims == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    public static Caller session(UserId userId, String label, SpaceId spaceId, boolean instanceAdmin,
            boolean spaceAdmin, String clientAddress) {
        return session(userId, label, spaceId, instanceAdmin, spaceAdmin, clientAddress, Map.of());
    }

    /** A session signed in through an identity provider, with the provider's claims. */
    public static Caller session(UserId userId, String label, SpaceId spaceId, boolean instanceAdmin,
            boolean spaceAdmin, String clientAddress, Map<String, Object> claims) {
        return new Caller(userId, label, spaceId, instanceAdmin, spaceAdmin, Channel.SESSION,
                EnumSet.allOf(ApiScope.class), clientAddress, claims);
    }

    public static Caller token(UserId userId, String label, SpaceId spaceId, boolean instanceAdmin, boolean spaceAdmin,
            Set<ApiScope> scopes, String clientAddress) {
        return new Caller(userId, label, spaceId, instanceAdmin, spaceAdmin, Channel.TOKEN, scopes, clientAddress,
                Map.of());
    }

    /**
     * Toolyard acting on its own, e.g. making the sample app at first start: it has every scope
     * and the access engine gives it the Admin group's levels in every space
     * ({@link UserId#SYSTEM}). No request can become this caller: sessions and tokens name real
     * users, whose ids are random.
     */
    public static Caller system(SpaceId spaceId) {
        return new Caller(UserId.SYSTEM, "system", spaceId, true, true, Channel.SYSTEM,
                EnumSet.allOf(ApiScope.class), null, Map.of());
    }

    /**
     * Toolyard acting on what a space's identity provider said at a sign-in (T-ID3, T-ID4):
     * provisioning the person and mapping their groups. It acts as the system, and the audit trail
     * names the provider, e.g. {@code sso:Okta}.
     */
    public static Caller identityProvider(SpaceId spaceId, String providerName, String clientAddress) {
        return new Caller(UserId.SYSTEM, "sso:" + providerName, spaceId, true, true, Channel.SYSTEM,
                EnumSet.allOf(ApiScope.class), clientAddress, Map.of());
    }

    public boolean system() {
        return channel == Channel.SYSTEM;
    }

    public boolean has(ApiScope scope) {
        return scopes.contains(scope);
    }

    /** T-SP4: instance administrators are the Admin group of the admin space. */
    public void requireInstanceAdmin() {
        if (!instanceAdmin) {
            throw ForbiddenException.denied();
        }
    }

    /** T-SP4: a space admin administers the current space fully; instance admins are admins everywhere. */
    public void requireSpaceAdmin() {
        if (!spaceAdmin) {
            throw ForbiddenException.denied();
        }
    }

    /** Fails when a token lacks the scope; a session has every scope. */
    public void requireScope(ApiScope scope) {
        if (!has(scope)) {
            throw new ForbiddenException("access.insufficient_scope",
                    "This access token lacks the scope '" + scope.value() + "'.");
        }
    }
}
