package dev.toolyard.scim;

import java.io.IOException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.NullSecurityContextRepository;

import dev.toolyard.identity.BearerTokens;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /scim/**}: access tokens only (a provider is a machine), never a session, so no CSRF;
 * refusals are SCIM errors. Ordered before the console's chain, which takes every other path.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ScimSecurityConfiguration {

    @Bean
    @Order(0)
    SecurityFilterChain scimChain(HttpSecurity http, BearerTokens tokens, JsonMapper json) throws Exception {
        http.securityMatcher("/scim/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .addFilterBefore(tokens.filter((request, response) -> {
                    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
                    write(json, response, 401, "The access token is unknown, revoked or expired.");
                }), AnonymousAuthenticationFilter.class)
                .securityContext(context -> context.securityContextRepository(new NullSecurityContextRepository()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, exception) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            write(json, response, 401, "Send an access token of the space with the scope scim.");
                        })
                        .accessDeniedHandler((request, response, exception) -> write(json, response, 403,
                                "You are not allowed to do this.")));
        return http.build();
    }

    private static void write(JsonMapper json, HttpServletResponse response, int status, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType(Scim.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), ScimErrorBody.of(status, null, detail));
    }
}
