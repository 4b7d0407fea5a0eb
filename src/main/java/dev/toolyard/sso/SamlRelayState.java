package dev.toolyard.sso;

/**
 * Where a person goes after a SAML sign-in. RelayState comes back from the identity provider, and
 * an IdP-initiated sign-in lets anyone choose it, so only a path on this instance is followed: an
 * absolute URL, a scheme-relative {@code //host} or a backslash trick would make the ACS an open
 * redirect.
 */
final class SamlRelayState {

    private static final int MAX_LENGTH = 2000;

    private SamlRelayState() {
    }

    static String localPath(String relayState) {
        if (relayState == null || relayState.isEmpty() || relayState.length() > MAX_LENGTH
                || !relayState.startsWith("/") || relayState.startsWith("//") || relayState.startsWith("/\\")
                || relayState.chars().anyMatch(c -> c < 0x21 || c > 0x7e || c == '\\')) {
            return "/";
        }
        return relayState;
    }
}
