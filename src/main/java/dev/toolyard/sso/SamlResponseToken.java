package dev.toolyard.sso;

import java.io.Serial;
import java.util.List;
import java.util.Set;

import org.springframework.security.authentication.AbstractAuthenticationToken;

import dev.toolyard.shared.SpaceId;

/**
 * A SAML response posted to a space's ACS, before and after {@link SamlAuthenticationProvider}
 * checked it. Unauthenticated, it carries the encoded response, the AuthnRequests this browser has
 * open for the space and the client's address; authenticated, the sign-in's result and which open
 * request it answered (null for an IdP-initiated sign-in), for the controller to start the session.
 */
final class SamlResponseToken extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    private final SpaceId space;
    private final transient String encodedResponse;
    private final Set<String> openRequests;
    private final String clientAddress;
    private final transient SsoSignInResult result;
    private final String answeredRequest;

    private SamlResponseToken(SpaceId space, String encodedResponse, Set<String> openRequests, String clientAddress,
            SsoSignInResult result, String answeredRequest) {
        super(List.of());
        this.space = space;
        this.encodedResponse = encodedResponse;
        this.openRequests = Set.copyOf(openRequests);
        this.clientAddress = clientAddress;
        this.result = result;
        this.answeredRequest = answeredRequest;
        setAuthenticated(result != null);
    }

    static SamlResponseToken posted(SpaceId space, String encodedResponse, Set<String> openRequests,
            String clientAddress) {
        return new SamlResponseToken(space, encodedResponse, openRequests, clientAddress, null, null);
    }

    SamlResponseToken signedIn(SsoSignInResult signIn, String answered) {
        return new SamlResponseToken(space, null, Set.of(), clientAddress, signIn, answered);
    }

    SpaceId space() {
        return space;
    }

    String encodedResponse() {
        return encodedResponse;
    }

    Set<String> openRequests() {
        return openRequests;
    }

    String clientAddress() {
        return clientAddress;
    }

    SsoSignInResult result() {
        return result;
    }

    String answeredRequest() {
        return answeredRequest;
    }

    @Override
    public Object getCredentials() {
        return encodedResponse;
    }

    @Override
    public Object getPrincipal() {
        return result;
    }
}
