package dev.toolyard.identity;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import dev.toolyard.api.ApiError;
import dev.toolyard.api.ProblemResponses;
import dev.toolyard.audit.AuditLog;
import dev.toolyard.shared.ApiScope;
import dev.toolyard.spaces.SpaceManagement;

/**
 * Three filter chains: the API (tokens or session, problem JSON), Actuator (health public,
 * metrics for instance admins), and the console (form sign-in, CSRF, strict headers). The app runtime's
 * frame ({@code /run/{id}/frame}) goes through the console chain and sets its own sandbox policy,
 * which the console's header writers leave in place; {@code /runtime/**} is public.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    /** The only authentication manager: no second provider exists that could bypass the throttle. */
    @Bean
    AuthenticationManager authenticationManager(UserRepository users, SpaceManagement spaces, PasswordEncoder encoder,
            SignInThrottle throttle, TwoFactorSignIn twoFactor, SignInAudit audit, CurrentCaller currentCaller,
            Clock clock) {
        var provider = new SignInAuthenticationProvider(new AccountDetailsService(users, spaces), encoder, throttle,
                users, twoFactor, audit, currentCaller, clock);
        return new ProviderManager(provider);
    }

    /**
     * No observation per security filter: wrapping each of the dozen filters cost about 15 % of the
     * server's CPU for a one-row query run (JFR, issue 4). Requests stay observed as a whole by
     * the HTTP server observation (T-OP1).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiTokenManagement tokens, ProblemResponses problems,
            TwoFactorRepository twoFactor) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/v1/openapi.json", "/api/v1/openapi.json/**").permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, problems),
                        AnonymousAuthenticationFilter.class)
                .addFilterAfter(new TwoFactorEnrolmentGate(twoFactor, problems), AnonymousAuthenticationFilter.class)
                // A bearer token is not sent by browsers on their own, so only session requests need CSRF tokens.
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(problemEntryPoint(problems))
                        .accessDeniedHandler(problemAccessDenied(problems)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuatorChain(HttpSecurity http, ApiTokenManagement tokens, ProblemResponses problems,
            CurrentCaller currentCaller, TwoFactorRepository twoFactor) throws Exception {
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().access(instanceAdminWithScope(currentCaller, ApiScope.METRICS_READ)))
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, problems),
                        AnonymousAuthenticationFilter.class)
                .addFilterAfter(new TwoFactorEnrolmentGate(twoFactor, problems), AnonymousAuthenticationFilter.class)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(cache -> cache.disable())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(problemEntryPoint(problems))
                        .accessDeniedHandler(problemAccessDenied(problems)));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain consoleChain(HttpSecurity http, AuthenticationManager authenticationManager,
            CurrentCaller currentCaller, AuditLog auditLog, TwoFactorRepository twoFactor, ProblemResponses problems,
            ObjectProvider<ConsoleChainExtension> extensions) throws Exception {
        var extensionPaths = extensions.orderedStream().flatMap(extension -> extension.publicPaths().stream())
                .toArray(String[]::new);
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/invitations/*/accept").authenticated()
                        .requestMatchers(extensionPaths).permitAll()
                        // The second step of a sign-in: open, but it answers only a session pending two-factor.
                        .requestMatchers("/login", "/login/two-factor", "/password-reset", "/password-reset/*", "/setup/**", "/invitations/*", "/join", "/css/**", "/js/**", "/runtime/**", "/webjars/**",
                                "/favicon.ico",
                                "/error")
                        .permitAll()
                        .anyRequest().authenticated())
                .authenticationManager(withExtensions(authenticationManager, extensions))
                .formLogin(form -> form.loginPage("/login")
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .successHandler(new SignInSuccessHandler(currentCaller, twoFactor))
                        .failureHandler(new SignInFailureHandler()))
                .addFilterAfter(new TwoFactorEnrolmentGate(twoFactor, problems), AnonymousAuthenticationFilter.class)
                .logout(logout -> logout.logoutUrl("/logout")
                        .addLogoutHandler(new SignOutAudit(auditLog))
                        .logoutSuccessUrl("/login?signedOut"))
                // Images may come from https (a person's picture from their identity provider, T-ID3): an image runs nothing.
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; "
                                + "img-src 'self' data: https:; style-src 'self'; script-src 'self'; object-src 'none'; "
                                + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        // An app's frame has an opaque origin, so its module scripts are CORS requests.
                        // The runtime's files and the webjars it imports (the chart's ECharts) are
                        // public and static: nothing to protect by refusing.
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                PathPatternRequestMatcher.withDefaults().matcher("/runtime/**"),
                                new StaticHeadersWriter("Access-Control-Allow-Origin", "*")))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                PathPatternRequestMatcher.withDefaults().matcher("/webjars/**"),
                                new StaticHeadersWriter("Access-Control-Allow-Origin", "*"))));
        for (var extension : extensions.orderedStream().toList()) {
            extension.extend(http);
        }
        return http.build();
    }

    /**
     * The extensions' providers, each for its own kind of token, with the password sign-in behind
     * them: an e-mail and password still meet only the throttled provider.
     */
    private static AuthenticationManager withExtensions(AuthenticationManager passwords,
            ObjectProvider<ConsoleChainExtension> extensions) {
        var providers = extensions.orderedStream().flatMap(extension -> extension.authenticationProviders().stream())
                .toList();
        return providers.isEmpty() ? passwords : new ProviderManager(providers, passwords);
    }

    private static AuthorizationManager<RequestAuthorizationContext> instanceAdminWithScope(CurrentCaller currentCaller,
            ApiScope scope) {
        return (authentication, context) -> new AuthorizationDecision(currentCaller.resolve(context.getRequest())
                .filter(caller -> caller.instanceAdmin() && caller.has(scope))
                .isPresent());
    }

    private static AuthenticationEntryPoint problemEntryPoint(ProblemResponses problems) {
        return (request, response, exception) -> problems.write(request, response, ApiError.AUTH_REQUIRED,
                "Sign in or send an access token.");
    }

    private static AccessDeniedHandler problemAccessDenied(ProblemResponses problems) {
        return (request, response, exception) -> {
            if (exception instanceof CsrfException) {
                problems.write(request, response, ApiError.CSRF_INVALID,
                        "Requests made with a session cookie must carry the CSRF token.");
            } else {
                problems.write(request, response, ApiError.ACCESS_DENIED, "You are not allowed to do this.");
            }
        };
    }
}
