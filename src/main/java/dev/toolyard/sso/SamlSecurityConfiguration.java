package dev.toolyard.sso;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.accept.ContentNegotiationManager;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.toolyard.api.FocusedHandlerMapping;

/**
 * The SAML endpoints' own filter chain, ahead of the console's: public (a person arrives before
 * signing in), the console's strict headers, and CSRF on every unsafe request except the ACS. The
 * ACS is posted by the identity provider's page, which cannot know our CSRF token; what protects it
 * instead is the signed, audience-bound, single-use assertion and, for SP-initiated sign-ins,
 * InResponseTo bound to the browser's session.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SamlSecurityConfiguration {

    @Bean
    @Order(0)
    SecurityFilterChain samlChain(HttpSecurity http) throws Exception {
        var acs = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/sso/*/saml/acs");
        http.securityMatcher("/sso/*/saml/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.ignoringRequestMatchers(acs))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; "
                                + "img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
                                + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /** Every SAML sign-in posts to the ACS, a path with a variable: its handler is found first. */
    @Bean
    RequestMappingHandlerMapping samlHandlerMapping(
            @Qualifier("mvcContentNegotiationManager") ContentNegotiationManager contentNegotiation) {
        return new FocusedHandlerMapping(SamlController.class, contentNegotiation);
    }
}
