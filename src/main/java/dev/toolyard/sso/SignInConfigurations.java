package dev.toolyard.sso;

import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.toolyard.database.ReadCache;
import dev.toolyard.database.ReadCaches;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.spaces.SpaceManagement;

/**
 * What every SSO sign-in into a space reads (T-ID2–T-ID4, T-SP6): the space whose providers sign
 * people in (itself, or the admin space it reuses), those providers, and the space's own settings.
 * Kept in memory until one of the tables it comes from changes on any node (V22), because it
 * changes rarely and a sign-in wave would otherwise read the same rows thousands of times. A space
 * that does not exist is not remembered, so made-up space ids cannot fill the cache.
 */
@Component
class SignInConfigurations {

    private final SsoRepository repository;
    private final SpaceManagement spaces;
    private final TransactionTemplate readOnly;
    private final ReadCache<SpaceId, SignInConfiguration> cache;

    SignInConfigurations(SsoRepository repository, SpaceManagement spaces, PlatformTransactionManager transactions,
            ReadCaches caches) {
        this.repository = repository;
        this.spaces = spaces;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.cache = caches.create(10_000, Set.of("spaces", "space_sso_settings", "sso_role_mappings",
                "permission_groups", "identity_providers"));
    }

    /** The space's configuration; empty when there is no such space. */
    Optional<SignInConfiguration> of(SpaceId space) {
        return Optional.ofNullable(cache.get(space, this::load));
    }

    /** This node changed a provider or settings: its cache must not answer from before the change. */
    void changed() {
        cache.changed();
    }

    private SignInConfiguration load(SpaceId space) {
        return readOnly.execute(status -> {
            if (!spaces.exists(space)) {
                return null;
            }
            var settings = repository.settings(space);
            var owner = settings.reuseAdminProvider() ? spaces.adminSpaceId() : space;
            return new SignInConfiguration(settings, owner, repository.provider(owner, SsoProtocol.OIDC),
                    repository.provider(owner, SsoProtocol.SAML));
        });
    }

    /** {@code owner}: the space whose providers sign people into the settings' space. */
    record SignInConfiguration(SpaceSsoSettings settings, SpaceId owner, Optional<IdentityProvider> oidc,
            Optional<IdentityProvider> saml) {

        /** The enabled provider of this protocol that signs people in. */
        Optional<IdentityProvider> signingIn(SsoProtocol protocol) {
            return (protocol == SsoProtocol.OIDC ? oidc : saml).filter(IdentityProvider::enabled);
        }
    }
}
