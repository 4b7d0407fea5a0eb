package dev.toolyard.sso;

import java.time.Instant;
import java.util.List;

import dev.toolyard.shared.SpaceId;

/**
 * A space's identity provider as its admins configure it (T-ID2). The OIDC client secret is
 * write-only: only whether one is set is ever shown. OIDC fields are null for SAML and the other
 * way round.
 */
public record IdentityProvider(IdentityProviderId id, SpaceId space, SsoProtocol protocol, String displayName,
        boolean enabled, String issuer, String clientId, boolean clientSecretSet, List<String> scopes,
        OidcEndpoints endpoints, String idpEntityId, String idpSsoUrl, List<String> idpCertificatesPem,
        String metadataUrl, String metadataXml, ClaimNames claimNames, Instant updatedAt) {

    public IdentityProvider {
        scopes = List.copyOf(scopes);
        idpCertificatesPem = List.copyOf(idpCertificatesPem);
    }
}
