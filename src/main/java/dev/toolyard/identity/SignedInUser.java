package dev.toolyard.identity;

import java.io.Serial;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import dev.toolyard.shared.UserId;

/**
 * The principal of a console session. Its name is the user id, not the e-mail, so that sessions
 * can be found by user (Spring Session's principal index) even after an e-mail change.
 */
final class SignedInUser implements UserDetails, CredentialsContainer {

    @Serial
    private static final long serialVersionUID = 1L;

    private final UserId id;
    private final String email;
    private final String displayName;
    private final boolean enabled;
    private String passwordHash;

    SignedInUser(User user, String passwordHash, boolean enabled) {
        this.id = user.id();
        this.email = user.email();
        this.displayName = user.displayName();
        this.enabled = enabled;
        this.passwordHash = passwordHash;
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
