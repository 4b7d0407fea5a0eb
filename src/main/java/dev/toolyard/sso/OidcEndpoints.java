package dev.toolyard.sso;

/**
 * What an OpenID provider's discovery document said at the last save
 * ({@code /.well-known/openid-configuration}); a sign-in uses these without asking again.
 */
public record OidcEndpoints(String issuer, String authorizationEndpoint, String tokenEndpoint, String jwksUri,
        String userinfoEndpoint) {
}
