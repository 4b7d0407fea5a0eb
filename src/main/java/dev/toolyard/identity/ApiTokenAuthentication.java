package dev.toolyard.identity;

import java.io.Serial;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by an access token; its authorities are the token's scopes. */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient ApiToken token;
    private final String ownerLabel;

    ApiTokenAuthentication(ApiToken token, String ownerLabel) {
        super(token.scopes().stream().map(scope -> new SimpleGrantedAuthority("SCOPE_" + scope.value())).toList());
        this.token = token;
        this.ownerLabel = ownerLabel;
        setAuthenticated(true);
    }

    ApiToken token() {
        return token;
    }

    String ownerLabel() {
        return ownerLabel;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return token;
    }

    @Override
    public String getName() {
        return token.userId().toString();
    }
}
