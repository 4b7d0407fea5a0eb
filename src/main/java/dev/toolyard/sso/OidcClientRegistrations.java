package dev.toolyard.sso;

import java.util.Optional;
import java.util.UUID;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.stereotype.Component;

import dev.toolyard.identity.PublicUrls;
import dev.toolyard.shared.SpaceId;

/**
 * Spring Security's client registrations, read from the database at each sign-in (T-ID2): one per
 * (provider, space signed into), so that a child space reusing the admin space's provider (T-SP6)
 * gets its own registration — and the space travels through the provider's round trip inside
 * Spring's stored authorization request, never in the browser's hands. The redirect URI is the
 * provider's alone ({@code /login/oauth2/code/<provider id>}), so the provider needs one redirect
 * URI however many spaces reuse it. PKCE is required, besides state and the nonce Spring adds for
 * OpenID Connect.
 */
@Component
class OidcClientRegistrations implements ClientRegistrationRepository {

    static final String REDIRECT_PATH = "/login/oauth2/code/";
    private static final String SEPARATOR = "_";

    private final IdentityProviders providers;
    private final PublicUrls urls;

    OidcClientRegistrations(IdentityProviders providers, PublicUrls urls) {
        this.providers = providers;
        this.urls = urls;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        return target(registrationId).flatMap(this::provider).map(target -> registration(registrationId, target))
                .orElse(null);
    }

    /** The enabled provider a registration id names, if it still signs people into its space. */
    Optional<Target> provider(Target target) {
        return providers.signingInto(target.space(), SsoProtocol.OIDC)
                .filter(provider -> provider.id().equals(target.providerId()))
                .map(provider -> new Target(target.providerId(), target.space(), provider));
    }

    String redirectUri(IdentityProviderId provider) {
        return urls.of(REDIRECT_PATH + provider);
    }

    static String registrationId(IdentityProviderId provider, SpaceId space) {
        return provider + SEPARATOR + space;
    }

    static Optional<Target> target(String registrationId) {
        if (registrationId == null) {
            return Optional.empty();
        }
        String[] parts = registrationId.split(SEPARATOR, -1);
        try {
            return parts.length == 2 ? Optional.of(new Target(IdentityProviderId.parse(parts[0]),
                    new SpaceId(UUID.fromString(parts[1])), null)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A registration's provider and the space signed into; {@code provider} once looked up. */
    record Target(IdentityProviderId providerId, SpaceId space, IdentityProvider provider) {
    }

    private ClientRegistration registration(String registrationId, Target target) {
        var provider = target.provider();
        var endpoints = provider.endpoints();
        return ClientRegistration.withRegistrationId(registrationId)
                .clientName(provider.displayName())
                .clientId(provider.clientId())
                .clientSecret(providers.clientSecret(provider).orElse(null))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                .redirectUri(redirectUri(provider.id()))
                .scope(provider.scopes())
                .issuerUri(endpoints.issuer())
                .authorizationUri(endpoints.authorizationEndpoint())
                .tokenUri(endpoints.tokenEndpoint())
                .jwkSetUri(endpoints.jwksUri())
                .userInfoUri(endpoints.userinfoEndpoint())
                .userNameAttributeName(IdTokenClaimNames.SUB)
                .build();
    }
}
