package dev.toolyard.identity;

/**
 * How a session's person proved who they are (T-ID1, T-ID2). A space that requires SSO admits only
 * sessions signed in through its identity provider, and its break-glass admin with
 * {@link #PASSWORD_AND_TOTP}.
 */
public enum SignInMethod {
    PASSWORD, PASSWORD_AND_TOTP, OIDC, SAML;

    public boolean sso() {
        return this == OIDC || this == SAML;
    }
}
