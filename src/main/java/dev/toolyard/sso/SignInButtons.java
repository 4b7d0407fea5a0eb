package dev.toolyard.sso;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import dev.toolyard.identity.SignInOption;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.spaces.SpaceManagement;

/**
 * "Sign in with {provider} ({space})" for every space an enabled provider of one protocol signs
 * into: its own space, and the spaces that reuse the admin space's provider (T-SP6). Shared by the
 * OIDC and SAML sign-ins, which differ only in where the button leads.
 */
final class SignInButtons {

    private SignInButtons() {
    }

    static List<SignInOption> of(SsoRepository repository, SpaceManagement spaces, SsoProtocol protocol,
            BiFunction<IdentityProvider, SpaceId, String> url) {
        var adminSpace = spaces.adminSpaceId();
        var reusing = repository.spacesReusingAdminProvider();
        var options = new ArrayList<SignInOption>();
        for (var provider : repository.enabledProviders()) {
            if (provider.protocol() != protocol || reusing.contains(provider.space())) {
                continue;
            }
            var served = new ArrayList<>(List.of(provider.space()));
            if (provider.space().equals(adminSpace)) {
                served.addAll(reusing);
            }
            for (var space : served) {
                options.add(new SignInOption("Sign in with " + provider.displayName() + " (" + spaces.nameOf(space) + ")",
                        url.apply(provider, space)));
            }
        }
        return options;
    }
}
