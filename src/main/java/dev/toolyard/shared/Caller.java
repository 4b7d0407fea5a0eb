package dev.toolyard.shared;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who makes a request, in which space, and through what: a signed-in session may do all its user
 * may do; an access token only what its scopes allow as well. Services take the caller as their
 * first argument so that console and API are authorised by the same code.
 */
public record Caller(UserId userId, String label, SpaceId spaceId, boolean instanceAdmin, boolean spaceAdmin,
        Channel channel, Set<ApiScope> scopes, String clientAddress) {

    /** SYSTEM: Toolyard itself, at start (T-D2's sample), never a request. */
    public enum Channel { SESSION, TOKEN, SYSTEM }

    public Caller {
        Objects.requireNonNull(userId, "user id must not be null");
        Objects.requireNonNull(label, "label must not be null");
        Objects.requireNonNull(spaceId, "space id must not be null");
        Objects.requireNonNull(channel, "channel must not be null");
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
    }

    public static Caller session(UserId userId, String label, SpaceId spaceId, boolean instanceAdmin,
            boolean spaceAdmin, String clientAddress) {
        return new Caller(userId, label, spaceId, instanceAdmin, spaceAdmin, Channel.SESSION,
                EnumSet.allOf(ApiScope.class), clientAddress);
    }

    public static Caller token(UserId userId, String label, SpaceId spaceId, boolean instanceAdmin, boolean spaceAdmin,
            Set<ApiScope> scopes, String clientAddress) {
        return new Caller(userId, label, spaceId, instanceAdmin, spaceAdmin, Channel.TOKEN, scopes, clientAddress);
    }

    /**
     * Toolyard acting on its own, e.g. making the sample app at first start: it has every scope
     * and the access engine gives it the Admin group's levels in every space
     * ({@link UserId#SYSTEM}). No request can become this caller: sessions and tokens name real
     * users, whose ids are random.
     */
    public static Caller system(SpaceId spaceId) {
        return new Caller(UserId.SYSTEM, "system", spaceId, true, true, Channel.SYSTEM,
                EnumSet.allOf(ApiScope.class), null);
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
