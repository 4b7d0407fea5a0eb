package dev.toolyard.identity;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import dev.toolyard.spaces.SpaceManagement;

/**
 * Looks people up by the e-mail they sign in with; a person with no enabled space is disabled.
 * Deliberately not a bean: Spring Security would otherwise build a second, unthrottled password
 * check from it and fall back to that one when ours refuses.
 */
class AccountDetailsService implements UserDetailsService {

    private final UserRepository users;
    private final SpaceManagement spaces;

    AccountDetailsService(UserRepository users, SpaceManagement spaces) {
        this.users = users;
        this.spaces = spaces;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        // Invited people who have not chosen a password yet cannot sign in with one.
        var credentials = users.findCredentials(email.strip())
                .filter(found -> found.passwordHash() != null)
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
        var user = credentials.user();
        boolean enabled = users.defaultSpace(user.id(), spaces.adminSpaceId()).isPresent();
        return new SignedInUser(user, credentials.passwordHash(), enabled);
    }
}
