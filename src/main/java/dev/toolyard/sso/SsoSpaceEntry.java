package dev.toolyard.sso;

import org.springframework.stereotype.Component;

import dev.toolyard.identity.SignInMethod;
import dev.toolyard.identity.SpaceEntryPolicy;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;
import dev.toolyard.spaces.SpaceManagement;

/**
 * Which spaces a console session may be in, by how it signed in (T-ID2, T-SP6).
 * <ul>
 * <li>A session of a space's identity provider is trusted there, in the spaces that reuse that
 * provider, and nowhere else — except the admin space's provider, which instance admins control and
 * which may therefore vouch everywhere. A child space's admin configures its provider and could
 * make it vouch for anyone's e-mail: such a session must not reach other spaces, nor make an
 * instance admin.</li>
 * <li>A space that requires SSO admits only sessions of its own provider (or the admin space's it
 * reuses), and its break-glass admin signed in with password and TOTP.</li>
 * </ul>
 * Asked on every console request, so it reads the space's cached {@link SignInConfigurations}.
 */
@Component
class SsoSpaceEntry implements SpaceEntryPolicy {

    private final SignInConfigurations configurations;
    private final SpaceManagement spaces;

    SsoSpaceEntry(SignInConfigurations configurations, SpaceManagement spaces) {
        this.configurations = configurations;
        this.spaces = spaces;
    }

    @Override
    public boolean admits(SpaceId space, UserId user, SignInMethod method, SpaceId ssoSpace) {
        var settings = configurations.of(space).map(SignInConfigurations.SignInConfiguration::settings)
                .orElseGet(() -> SpaceSsoSettings.defaults(space));
        var adminSpace = spaces.adminSpaceId();
        var owner = settings.reuseAdminProvider() ? adminSpace : space;
        if (method.sso()) {
            boolean trusted = ssoSpace.equals(owner) || ssoSpace.equals(space) || ssoSpace.equals(adminSpace);
            return trusted && (!settings.requireSso() || ssoSpace.equals(owner));
        }
        return !settings.requireSso() || method == SignInMethod.PASSWORD_AND_TOTP
                && user.equals(settings.breakGlassAdmin());
    }
}
