package dev.toolyard.sso;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.toolyard.spaces.SpaceCopiedFromAdminSpace;

/**
 * T-SP5: a space copying from the admin space gets its SSO configuration — its identity providers
 * (client secrets sealed again for the copy) and its settings, rules following the groups by name —
 * in the same transaction as the rest of the copy, each change audited on the space's chain. The
 * break-glass admin, "Require SSO" and reuse stay the space's own: they name its people.
 */
@Component
class SsoConfigurationCopy {

    private final IdentityProviders providers;
    private final SsoSettings settings;

    SsoConfigurationCopy(IdentityProviders providers, SsoSettings settings) {
        this.providers = providers;
        this.settings = settings;
    }

    @EventListener
    void on(SpaceCopiedFromAdminSpace copy) {
        var target = copy.space().id();
        providers.copyFromAdminSpace(copy.caller(), target);
        settings.copyFromAdminSpace(copy.caller(), target);
    }
}
