package dev.toolyard.identity;

import java.util.Map;
import java.util.Objects;

import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/**
 * A sign-in that an identity provider vouched for and the sso module accepted (T-ID2): the person,
 * how they signed in, the space whose provider it was, the space the session starts in, the
 * provider's claims as plain JSON values, and the provider's name for the audit trail.
 */
public record ExternalSignIn(UserId user, SignInMethod method, SpaceId ssoSpace, SpaceId landingSpace,
        Map<String, Object> claims, String providerName) {

    public ExternalSignIn {
        Objects.requireNonNull(user, "user must not be null");
        Objects.requireNonNull(ssoSpace, "SSO space must not be null");
        Objects.requireNonNull(landingSpace, "landing space must not be null");
        if (method == null || !method.sso()) {
            throw new IllegalArgumentException("An external sign-in is OIDC or SAML, not " + method);
        }
        claims = claims == null ? Map.of() : claims;
    }
}
