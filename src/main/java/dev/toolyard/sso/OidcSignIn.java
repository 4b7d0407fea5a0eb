package dev.toolyard.sso;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

import dev.toolyard.audit.AuditLog;
import dev.toolyard.audit.AuditOutcome;
import dev.toolyard.audit.AuditRecord;
import dev.toolyard.identity.ConsoleChainExtension;
import dev.toolyard.identity.ExternalSessions;
import dev.toolyard.identity.SignInOption;
import dev.toolyard.identity.SignInOptions;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.ToolyardException;
import dev.toolyard.spaces.SpaceManagement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * OpenID Connect sign-in (T-ID2) with Spring Security's OAuth2 client: {@code oauth2Login} in the
 * console chain, registrations from the database, and Spring's own checks of state, PKCE, nonce and
 * the ID token (signature from the provider's key set, issuer, audience, expiry). Once Spring has
 * accepted the response, the provider's claims become an {@link ExternalIdentity} through the
 * provider's claim names and {@link SsoSignIns} decides; a refusal or a failed exchange ends on
 * the sign-in page with its reason, audited. The provider's tokens are not kept: Toolyard needs
 * who the person is, not access to their account elsewhere.
 */
@Component
class OidcSignIn implements ConsoleChainExtension, SignInOptions {

    private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,40}");

    private final OidcClientRegistrations registrations;
    private final SsoSignIns signIns;
    private final ExternalSessions sessions;
    private final SsoRepository repository;
    private final SpaceManagement spaces;
    private final AuditLog auditLog;

    OidcSignIn(OidcClientRegistrations registrations, SsoSignIns signIns, ExternalSessions sessions,
            SsoRepository repository, SpaceManagement spaces, AuditLog auditLog) {
        this.registrations = registrations;
        this.signIns = signIns;
        this.sessions = sessions;
        this.repository = repository;
        this.spaces = spaces;
        this.auditLog = auditLog;
    }

    @Override
    public void extend(HttpSecurity http) throws Exception {
        http.oauth2Login(login -> login
                .loginPage("/login")
                .clientRegistrationRepository(registrations)
                .authorizedClientRepository(new NotKept())
                .successHandler(this::succeeded)
                .failureHandler(this::failed));
    }

    /**
     * Spring's OpenID Connect code exchange: the token request, then the ID token's signature
     * (the provider's key set), issuer, audience, expiry and nonce, then the UserInfo endpoint.
     */
    @Override
    public List<AuthenticationProvider> authenticationProviders() {
        return List.of(new OidcAuthorizationCodeAuthenticationProvider(
                new RestClientAuthorizationCodeTokenResponseClient(), new OidcUserService()));
    }

    /** "Sign in with {provider} ({space})" for every space an enabled OIDC provider signs into. */
    @Override
    public List<SignInOption> signInOptions() {
        return SignInButtons.of(repository, spaces, SsoProtocol.OIDC, (provider, space) -> "/oauth2/authorization/"
                + OidcClientRegistrations.registrationId(provider.id(), space));
    }

    private void succeeded(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        var token = (OAuth2AuthenticationToken) authentication;
        var user = (OidcUser) token.getPrincipal();
        var target = OidcClientRegistrations.target(token.getAuthorizedClientRegistrationId())
                .flatMap(registrations::provider);
        try {
            var found = target.orElseThrow(() -> new NotFoundException("sso.provider_not_found",
                    "This identity provider no longer signs people into that space."));
            var names = found.provider().claimNames();
            var claims = PlainClaims.of(user.getClaims());
            // A provider that says it has not verified the address vouches for nothing: anyone could have typed it.
            String email = Boolean.FALSE.equals(claims.get("email_verified")) ? null
                    : PlainClaims.text(claims, names.email());
            var identity = new ExternalIdentity(user.getSubject(), email, PlainClaims.text(claims, names.firstName()),
                    PlainClaims.text(claims, names.lastName()), PlainClaims.text(claims, names.picture()),
                    PlainClaims.texts(claims, names.groups()), claims);
            var result = signIns.signIn(found.space(), found.providerId(), SsoProtocol.OIDC, identity,
                    request.getRemoteAddr());
            signIns.startSession(request, response, result);
            response.sendRedirect(request.getContextPath() + "/");
        } catch (ToolyardException refusal) {
            sessions.refused(request, refusal.getMessage());
            response.sendRedirect(request.getContextPath() + "/login");
        }
    }

    /** State, PKCE, token or ID token checks failed, or the person cancelled at the provider. */
    private void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        String code = exception instanceof OAuth2AuthenticationException oauth
                ? oauth.getError().getErrorCode().toLowerCase(Locale.ROOT) : "authentication_failed";
        if (!ERROR_CODE.matcher(code).matches()) {
            code = "invalid_response";
        }
        log.info("An OpenID Connect sign-in failed ({})", code, exception);
        auditLog.append(AuditRecord.action("auth.sign_in")
                .actor(null, "unknown", request.getRemoteAddr())
                .onInstance()
                .outcome(AuditOutcome.FAILURE)
                .after(Map.of("method", "oidc", "result", code))
                .build());
        sessions.refused(request, "access_denied".equals(code)
                ? "The sign-in was cancelled at your identity provider."
                : "Single sign-on did not complete (" + code + "). Try again, or ask an admin to check the provider.");
        response.sendRedirect(request.getContextPath() + "/login");
    }

    /** Spring keeps an authorized client's tokens by default; Toolyard has no use for them. */
    private static final class NotKept implements OAuth2AuthorizedClientRepository {

        @Override
        public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId,
                Authentication principal, HttpServletRequest request) {
            return null;
        }

        @Override
        public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal,
                HttpServletRequest request, HttpServletResponse response) {
        }

        @Override
        public void removeAuthorizedClient(String registrationId, Authentication principal,
                HttpServletRequest request, HttpServletResponse response) {
        }
    }
}
