package dev.toolyard.sso;

import java.util.List;

import dev.toolyard.shared.SpaceId;

/**
 * What the SAML endpoints need of a space's SAML identity provider: its entity id, where to send
 * people to sign in, the certificates its signatures must verify against (PEM, one or more, for
 * key rollover), and the attribute names of e-mail, names and groups. {@code space} is the space
 * that owns the provider: the admin space when a child space reuses its provider (T-SP6).
 */
public record SamlProviderSettings(IdentityProviderId id, SpaceId space, String displayName, String idpEntityId,
        String idpSsoUrl, List<String> idpCertificatesPem, String emailAttribute, String firstNameAttribute,
        String lastNameAttribute, String groupsAttribute) {

    public SamlProviderSettings {
        idpCertificatesPem = List.copyOf(idpCertificatesPem);
    }
}
