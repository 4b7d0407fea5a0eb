package dev.toolyard.sso;

import java.util.Map;

import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/**
 * An accepted SSO sign-in: the person, the space they signed into (where the session starts),
 * the space that owns the provider (the same, or the admin space when reused, T-SP6), the provider
 * and its claims as plain JSON values (T-CU1).
 */
public record SsoSignInResult(UserId user, String email, SpaceId space, SpaceId providerSpace,
        IdentityProviderId provider, String providerName, SsoProtocol protocol, Map<String, Object> claims) {

    public SsoSignInResult {
        claims = Map.copyOf(claims);
    }
}
