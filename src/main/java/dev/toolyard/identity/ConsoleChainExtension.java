package dev.toolyard.identity;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * A sign-in method that a module above identity adds to the console's filter chain (single sign-on:
 * OIDC's {@code oauth2Login}, SAML's endpoints), so the chain stays defined here while the
 * dependency keeps pointing at identity. Extensions run after identity's own configuration, in
 * their bean order; they add, never loosen what is there.
 */
public interface ConsoleChainExtension {

    void extend(HttpSecurity http) throws Exception;
}
