package dev.toolyard.sso;

import java.util.List;

/**
 * What an admin saves for the space's OpenID Connect provider. A null or blank
 * {@code clientSecret} keeps the stored one (it is write-only); null claim names take the defaults.
 */
public record OidcProviderChange(String displayName, Boolean enabled, String issuer, String clientId,
        String clientSecret, List<String> scopes, ClaimNames claimNames) {
}
