package dev.toolyard.identity;

import java.io.Serial;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/**
 * The principal of a console session. Its name is the user id, not the e-mail, so that sessions
 * can be found by user (Spring Session's principal index) even after an e-mail change. It says how
 * the person signed in: with a password (and a second factor), or through the identity provider
 * of one space, whose claims it keeps as plain JSON values (strings, numbers, booleans, lists and
 * maps of them) because Spring Session serialises the principal.
 */
final class SignedInUser implements UserDetails, CredentialsContainer {

    @Serial
    private static final long serialVersionUID = 1L;

    private final UserId id;
    private final String email;
    private final String displayName;
    private final boolean enabled;
    private final SignInMethod method;
    private final SpaceId ssoSpace;
    private final Map<String, Object> claims;
    private String passwordHash;

    SignedInUser(User user, String passwordHash, boolean enabled) {
        this(user, passwordHash, enabled, SignInMethod.PASSWORD, null, Map.of());
    }

    SignedInUser(User user, String passwordHash, boolean enabled, SignInMethod method, SpaceId ssoSpace,
            Map<String, Object> claims) {
        this.id = user.id();
        this.email = user.email();
        this.displayName = user.displayName();
        this.enabled = enabled;
        this.passwordHash = passwordHash;
        this.method = method;
        this.ssoSpace = ssoSpace;
        this.claims = claims;
    }

    SignInMethod method() {
        return method;
    }

    /** The space whose identity provider signed this person in; null for a password sign-in. */
    SpaceId ssoSpace() {
        return ssoSpace;
    }

    /** The identity provider's claims of this sign-in (T-CU1); empty for a password sign-in. */
    Map<String, Object> claims() {
        return claims;
    }

    UserId id() {
        return id;
    }

    String email() {
        return email;
    }

    String displayName() {
        return displayName;
    }

    @Override
    public String getUsername() {
        return id.toString();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of();
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
