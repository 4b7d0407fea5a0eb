package dev.toolyard.sso;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import com.onelogin.saml2.settings.Saml2Settings;
import com.onelogin.saml2.settings.SettingsBuilder;
import com.onelogin.saml2.util.Constants;

import dev.toolyard.identity.PublicUrls;
import dev.toolyard.shared.SpaceId;

/**
 * Toolyard as a SAML service provider, one per space (T-ID2): its entity id is the space's metadata
 * URL and its assertion consumer service the space's ACS, both under the instance's public URL, so
 * an identity provider addresses each space on its own and an assertion for one space is refused by
 * every other (audience and destination differ).
 */
@Component
class SamlServiceProvider {

    /** Settings by what they are built from; a changed provider is a new key. Bounded: cleared when full. */
    private static final int CACHED = 256;

    private final PublicUrls urls;
    private final Map<SettingsKey, Saml2Settings> cache = new ConcurrentHashMap<>();

    SamlServiceProvider(PublicUrls urls) {
        this.urls = urls;
        SamlXml.pinJdkFactories();
    }

    String entityId(SpaceId space) {
        return metadataUrl(space);
    }

    String metadataUrl(SpaceId space) {
        return urls.of("/sso/" + space + "/saml/metadata");
    }

    String acsUrl(SpaceId space) {
        return urls.of("/sso/" + space + "/saml/acs");
    }

    /** The service provider alone: what the metadata describes, with or without a configured provider. */
    Saml2Settings serviceProviderOnly(SpaceId space) {
        var settings = new SettingsBuilder().fromValues(serviceProviderValues(space)).build();
        settings.setSPValidationOnly(true);
        return settings;
    }

    /**
     * The service provider of {@code space} with the identity provider it signs in with, which may be
     * the admin space's (T-SP6): the provider is reused, but each space stays its own service provider
     * (entity id, ACS), so an assertion meant for one space never signs anyone into another.
     * The rules a response must pass, for java-saml's validation: strict mode (destination,
     * recipient, audience, issuer, timestamps, InResponseTo); the assertion must be signed by one of
     * the configured certificates, whether or not the response is signed too (a signed response
     * around an unsigned assertion is refused: the assertion is what signs a person in, and an IdP
     * may hand it on); no deprecated algorithms (SHA-1). The XML schema is checked too, by
     * {@link SamlResponseMessage#matchesSchema()}.
     */
    Saml2Settings forProvider(SpaceId space, SamlProviderSettings provider) {
        var key = new SettingsKey(space, provider, urls.of("/"));
        var cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        if (cache.size() >= CACHED) {
            cache.clear();
        }
        var built = build(space, provider);
        cache.put(key, built);
        return built;
    }

    private Saml2Settings build(SpaceId space, SamlProviderSettings provider) {
        var values = serviceProviderValues(space);
        values.put(SettingsBuilder.IDP_ENTITYID_PROPERTY_KEY, provider.idpEntityId());
        values.put(SettingsBuilder.IDP_SINGLE_SIGN_ON_SERVICE_URL_PROPERTY_KEY, provider.idpSsoUrl());
        values.put(SettingsBuilder.IDP_SINGLE_SIGN_ON_SERVICE_BINDING_PROPERTY_KEY, Constants.BINDING_HTTP_REDIRECT);
        List<String> certificates = provider.idpCertificatesPem();
        if (!certificates.isEmpty()) {
            values.put(SettingsBuilder.IDP_X509CERT_PROPERTY_KEY, certificates.get(0));
        }
        // Several certificates: an identity provider rolling its key over signs with either for a while.
        for (int i = 0; i < certificates.size(); i++) {
            values.put(SettingsBuilder.IDP_X509CERTMULTI_PROPERTY_KEY + "." + i, certificates.get(i));
        }
        values.put(SettingsBuilder.SECURITY_REJECT_DEPRECATED_ALGORITHM, true);
        // Checked by SamlResponseMessage.matchesSchema with the schema compiled once.
        values.put(SettingsBuilder.SECURITY_WANT_XML_VALIDATION, false);
        values.put(SettingsBuilder.SECURITY_REJECT_UNSOLICITED_RESPONSES_WITH_INRESPONSETO, true);
        return new SettingsBuilder().fromValues(values).build();
    }

    /** Parsing the certificates and building the settings is the same work for every response of a provider. */
    private record SettingsKey(SpaceId space, SamlProviderSettings provider, String publicUrl) {
    }

    private Map<String, Object> serviceProviderValues(SpaceId space) {
        var values = new HashMap<String, Object>();
        values.put(SettingsBuilder.STRICT_PROPERTY_KEY, true);
        values.put(SettingsBuilder.DEBUG_PROPERTY_KEY, false);
        values.put(SettingsBuilder.SP_ENTITYID_PROPERTY_KEY, entityId(space));
        values.put(SettingsBuilder.SP_ASSERTION_CONSUMER_SERVICE_URL_PROPERTY_KEY, acsUrl(space));
        values.put(SettingsBuilder.SP_ASSERTION_CONSUMER_SERVICE_BINDING_PROPERTY_KEY, Constants.BINDING_HTTP_POST);
        values.put(SettingsBuilder.SP_NAMEIDFORMAT_PROPERTY_KEY, Constants.NAMEID_UNSPECIFIED);
        values.put(SettingsBuilder.UNIQUE_ID_PREFIX_PROPERTY_KEY, "TOOLYARD_");
        values.put(SettingsBuilder.SECURITY_WANT_ASSERTIONS_SIGNED, true);
        values.put(SettingsBuilder.SECURITY_WANT_MESSAGES_SIGNED, false);
        return values;
    }
}
