package dev.toolyard.sso;

import java.util.List;

/**
 * What an admin saves for the space's SAML 2.0 identity provider: its entity id, single sign-on
 * URL and signing certificates (PEM), with the metadata URL or XML they came from kept as given.
 */
public record SamlProviderChange(String displayName, Boolean enabled, String idpEntityId, String idpSsoUrl,
        List<String> idpCertificatesPem, String metadataUrl, String metadataXml, ClaimNames claimNames) {
}
