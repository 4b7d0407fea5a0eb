package dev.toolyard.sso;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import com.onelogin.saml2.authn.AuthnRequest;
import com.onelogin.saml2.authn.AuthnRequestParams;

import dev.toolyard.audit.AuditLog;
import dev.toolyard.identity.ExternalSessions;
import dev.toolyard.identity.SignInOption;
import dev.toolyard.identity.SignInOptions;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.spaces.SpaceManagement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A space's SAML service provider (T-ID2): its metadata, the SP-initiated start (an AuthnRequest
 * by the redirect binding) and the assertion consumer service (the POST binding). Public pages:
 * a person arrives here before they are signed in. The ACS is the one console POST without a CSRF
 * token ({@link SamlSecurityConfiguration}): the identity provider's page posts it.
 */
@Controller
class SamlController implements SignInOptions {

    private static final MediaType METADATA = MediaType.parseMediaType("application/samlmetadata+xml");

    private final SpaceManagement spaces;
    private final IdentityProviders providers;
    private final SamlServiceProvider serviceProvider;
    private final SsoSignIns signIns;
    private final ExternalSessions sessions;
    private final SsoRepository repository;
    private final AuthenticationManager samlSignIns;
    private final Clock clock;

    SamlController(SpaceManagement spaces, IdentityProviders providers, SamlServiceProvider serviceProvider,
            SamlAssertionReplays replays, SsoSignIns signIns, ExternalSessions sessions, SsoRepository repository,
            AuditLog auditLog, Clock clock) {
        this.spaces = spaces;
        this.providers = providers;
        this.serviceProvider = serviceProvider;
        this.signIns = signIns;
        this.sessions = sessions;
        this.repository = repository;
        // Not a bean: identity's manager stays the only one the console's form sign-in knows.
        this.samlSignIns = new ProviderManager(new SamlAuthenticationProvider(providers, serviceProvider, replays,
                signIns, auditLog, clock));
        this.clock = clock;
    }

    /** What an identity provider needs to know about this space; served whether or not one is configured yet. */
    @GetMapping("/sso/{spaceId}/saml/metadata")
    @ResponseBody
    ResponseEntity<String> metadata(@PathVariable UUID spaceId) throws Exception {
        var space = existing(spaceId);
        return ResponseEntity.ok().contentType(METADATA)
                .body(serviceProvider.serviceProviderOnly(space).getSPMetadata());
    }

    /** SP-initiated sign-in: off to the identity provider, coming back to {@code redirect} (a path here). */
    @GetMapping("/sso/{spaceId}/saml/login")
    ResponseEntity<Void> login(@PathVariable UUID spaceId, @RequestParam(required = false) String redirect,
            HttpServletRequest request) throws Exception {
        var space = existing(spaceId);
        var provider = providers.saml(space).orElse(null);
        if (provider == null) {
            return refused(request, new SamlSignInFailed(SamlSignInFailed.NOT_CONFIGURED,
                    "This space has no SAML identity provider."));
        }
        var authnRequest = new AuthnRequest(serviceProvider.forProvider(space, provider),
                new AuthnRequestParams(false, false, true));
        SamlPendingRequests.remember(request, space, authnRequest.getId(), clock.instant());
        String url = provider.idpSsoUrl() + (provider.idpSsoUrl().contains("?") ? "&" : "?")
                + "SAMLRequest=" + encode(authnRequest.getEncodedAuthnRequest())
                + "&RelayState=" + encode(SamlRelayState.localPath(redirect));
        return found(url);
    }

    /** The assertion consumer service: the identity provider's answer, posted by the browser. */
    @PostMapping("/sso/{spaceId}/saml/acs")
    Object acs(@PathVariable UUID spaceId, @RequestParam("SAMLResponse") String samlResponse,
            @RequestParam(name = "RelayState", required = false) String relayState,
            @RequestParam(required = false) String continued, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        // No look-up of the space first: one that does not exist has no provider, and is refused as such.
        var space = new SpaceId(spaceId);
        if (continued == null && SamlXml.answersARequest(samlResponse)) {
            // The IdP's cross-site POST carries no SameSite=Lax cookie, so not the session that holds
            // the request: post it once more from our own page, which the browser sends it with.
            model.addAttribute("action", "/sso/" + space + "/saml/acs");
            model.addAttribute("samlResponse", samlResponse);
            model.addAttribute("relayState", relayState);
            return "saml-continue";
        }
        var posted = SamlResponseToken.posted(space, samlResponse,
                SamlPendingRequests.open(request, space, clock.instant()), request.getRemoteAddr());
        try {
            var signedIn = (SamlResponseToken) samlSignIns.authenticate(posted);
            SamlPendingRequests.answered(request, signedIn.answeredRequest());
            signIns.startSession(request, response, signedIn.result());
            return found(SamlRelayState.localPath(relayState));
        } catch (SamlSignInFailed failure) {
            return refused(request, failure);
        }
    }

    /** "Sign in with {provider} ({space})" on the sign-in page for every space a SAML provider signs into. */
    @Override
    public List<SignInOption> signInOptions() {
        return SignInButtons.of(repository, spaces, SsoProtocol.SAML,
                (provider, space) -> "/sso/" + space + "/saml/login");
    }

    /** The sign-in page says why, once, with the stable reason; the refused response leaves no session behind. */
    private ResponseEntity<Void> refused(HttpServletRequest request, SamlSignInFailed failure) {
        sessions.refused(request, failure.getMessage() + " (" + failure.reason() + ")");
        return found("/login");
    }

    private SpaceId existing(UUID id) {
        var space = new SpaceId(id);
        if (!spaces.exists(space)) {
            throw new NotFoundException("space.not_found", "There is no such space.");
        }
        return space;
    }

    private static ResponseEntity<Void> found(String location) {
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, location)
                .build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
