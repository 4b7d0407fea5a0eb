package dev.toolyard.identity;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * A sign-in method that a module above identity adds to the console's filter chain (single sign-on:
 * OIDC's {@code oauth2Login}, SAML's endpoints), so the chain stays defined here while the
 * dependency keeps pointing at identity. Extensions run after identity's own configuration, in
 * their bean order.
 */
public interface ConsoleChainExtension {

    /**
     * Paths anyone may open, signed in or not (path patterns such as {@code /saml/acs/*}): added to
     * the console chain's public paths before its "everything else needs a sign-in" rule.
     */
    default List<String> publicPaths() {
        return List.of();
    }

    /**
     * What authenticates the extension's own tokens (e.g. Spring's OIDC code exchange): asked before
     * identity's password sign-in, which alone handles e-mail and password.
     */
    default List<AuthenticationProvider> authenticationProviders() {
        return List.of();
    }

    /** Adds to the chain, e.g. {@code oauth2Login} or a filter; it must not loosen what identity set. */
    void extend(HttpSecurity http) throws Exception;
}
