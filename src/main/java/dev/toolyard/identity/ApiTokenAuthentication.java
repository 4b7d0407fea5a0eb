package dev.toolyard.identity;

import java.io.Serial;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by an access token; its authorities are the token's scopes. */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient PresentedToken presented;

    ApiTokenAuthentication(PresentedToken presented) {
        super(presented.token().scopes().stream().map(scope -> new SimpleGrantedAuthority("SCOPE_" + scope.value()))
                .toList());
        this.presented = presented;
        setAuthenticated(true);
    }

    /** The token and what its owner may do, as read for this request. */
    PresentedToken presented() {
        return presented;
    }

    ApiToken token() {
        return presented.token();
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return presented.token();
    }

    @Override
    public String getName() {
        return presented.token().userId().toString();
    }
}
