package dev.toolyard.sso;

import java.util.Set;

import org.springframework.stereotype.Component;

import dev.toolyard.database.ReadCache;
import dev.toolyard.database.ReadCaches;
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
 * Asked on every console request, so the space's rule is cached until its table changes.
 */
@Component
class SsoSpaceEntry implements SpaceEntryPolicy {

    private final SsoRepository repository;
    private final SpaceManagement spaces;
    private final ReadCache<SpaceId, SsoRepository.EntryRule> rules;

    SsoSpaceEntry(SsoRepository repository, SpaceManagement spaces, ReadCaches caches) {
        this.repository = repository;
        this.spaces = spaces;
        this.rules = caches.create(10_000, Set.of("space_sso_settings"));
    }

    @Override
    public boolean admits(SpaceId space, UserId user, SignInMethod method, SpaceId ssoSpace) {
        var rule = rules.get(space, repository::entryRule);
        var adminSpace = spaces.adminSpaceId();
        var owner = rule.reuseAdminProvider() ? adminSpace : space;
        if (method.sso()) {
            boolean trusted = ssoSpace.equals(owner) || ssoSpace.equals(space) || ssoSpace.equals(adminSpace);
            return trusted && (!rule.requireSso() || ssoSpace.equals(owner));
        }
        return !rule.requireSso() || method == SignInMethod.PASSWORD_AND_TOTP && user.equals(rule.breakGlassAdmin());
    }

    /** This node changed the settings: its cache must not answer from before the change. */
    void changed() {
        rules.changed();
    }
}
