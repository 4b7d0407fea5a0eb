package dev.toolyard.sso;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.secrets.SecretBox;
import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.spaces.SpaceManagement;

/**
 * The identity providers of the spaces (T-ID2, T-SP6): at most one OpenID Connect and one SAML
 * provider per space, configured by its admins (instance admins everywhere), and which provider
 * signs people into a space — the space's own, or the admin space's when the space reuses it. The
 * OIDC client secret is sealed with {@link SecretBox} and never leaves this class but to the
 * sign-in's token request.
 */
@Service
public class IdentityProviders {

    static final int MAX_NAME = 80;
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}");
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");
    private static final int MAX_METADATA = 1024 * 1024;

    private final SsoRepository repository;
    private final SignInConfigurations configurations;
    private final SpaceManagement spaces;
    private final OidcDiscovery discovery;
    private final SecretBox secrets;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    IdentityProviders(SsoRepository repository, SignInConfigurations configurations, SpaceManagement spaces,
            OidcDiscovery discovery, SecretBox secrets, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.configurations = configurations;
        this.spaces = spaces;
        this.discovery = discovery;
        this.secrets = secrets;
        this.events = events;
        this.clock = clock;
    }

    /** The enabled SAML provider that signs people into {@code space}, if any. */
    public Optional<SamlProviderSettings> saml(SpaceId space) {
        return signingInto(space, SsoProtocol.SAML).map(provider -> new SamlProviderSettings(provider.id(),
                provider.space(), provider.displayName(), provider.idpEntityId(), provider.idpSsoUrl(),
                provider.idpCertificatesPem(), provider.claimNames().email(), provider.claimNames().firstName(),
                provider.claimNames().lastName(), provider.claimNames().groups()));
    }

    /**
     * The enabled provider of this protocol that signs people into {@code space}: the admin space's
     * when the space reuses it (T-SP6), otherwise the space's own.
     */
    public Optional<IdentityProvider> signingInto(SpaceId space, SsoProtocol protocol) {
        return configurations.of(space).flatMap(configuration -> configuration.signingIn(protocol));
    }

    /** The space whose providers sign people into {@code space}: itself, or the admin space it reuses. */
    public Optional<SpaceId> owner(SpaceId space) {
        return configurations.of(space).map(SignInConfigurations.SignInConfiguration::owner);
    }

    /** The caller's space's own providers, for its admins; reading takes users:read or sso:write. */
    @Transactional(readOnly = true)
    public List<IdentityProvider> list(Caller caller) {
        requireRead(caller);
        return repository.providers(caller.spaceId());
    }

    @Transactional(readOnly = true)
    public IdentityProvider get(Caller caller, SsoProtocol protocol) {
        requireRead(caller);
        return repository.provider(caller.spaceId(), protocol).orElseThrow(() -> notFound(protocol));
    }

    /**
     * Creates or replaces the space's OpenID Connect provider. Discovery runs on every save, so a
     * moved endpoint or a wrong issuer shows here rather than at someone's sign-in.
     */
    @Transactional
    public IdentityProvider saveOidc(Caller caller, OidcProviderChange change) {
        requireWrite(caller);
        var existing = repository.provider(caller.spaceId(), SsoProtocol.OIDC);
        String name = SsoInput.required("displayName", change.displayName(), MAX_NAME);
        String issuer = SsoInput.webUrl("issuer", change.issuer());
        String clientId = SsoInput.required("clientId", change.clientId(), 500);
        String secret = change.clientSecret() == null || change.clientSecret().isEmpty() ? null : change.clientSecret();
        if (secret != null && secret.length() > 2000) {
            throw InvalidInputException.of("clientSecret", "field.size", "clientSecret must be at most 2000 characters");
        }
        if (secret == null && existing.map(provider -> !provider.clientSecretSet()).orElse(true)) {
            throw InvalidInputException.of("clientSecret", "field.required", "clientSecret must be given");
        }
        var scopes = scopes(change.scopes());
        var claimNames = claimNames(change.claimNames(), SsoProtocol.OIDC);
        var endpoints = discovery.discover(issuer);
        var id = existing.map(IdentityProvider::id).orElseGet(IdentityProviderId::random);
        var saved = new IdentityProvider(id, caller.spaceId(), SsoProtocol.OIDC, name,
                change.enabled() == null || change.enabled(), endpoints.issuer(), clientId, true, scopes, endpoints,
                null, null, List.of(), null, null, claimNames, clock.instant());
        String sealed = secret == null ? null : secrets.encrypt(secret, secretContext(id));
        store(caller, existing, saved, sealed);
        return repository.provider(id).orElseThrow();
    }

    /** Creates or replaces the space's SAML identity provider. */
    @Transactional
    public IdentityProvider saveSaml(Caller caller, SamlProviderChange change) {
        requireWrite(caller);
        var existing = repository.provider(caller.spaceId(), SsoProtocol.SAML);
        String name = SsoInput.required("displayName", change.displayName(), MAX_NAME);
        String entityId = SsoInput.required("idpEntityId", change.idpEntityId(), 1024);
        String ssoUrl = SsoInput.webUrl("idpSsoUrl", change.idpSsoUrl());
        var certificates = certificates(change.idpCertificatesPem());
        String metadataUrl = change.metadataUrl() == null || change.metadataUrl().isBlank() ? null
                : SsoInput.webUrl("metadataUrl", change.metadataUrl());
        String metadataXml = change.metadataXml() == null || change.metadataXml().isBlank() ? null
                : change.metadataXml();
        if (metadataXml != null && metadataXml.length() > MAX_METADATA) {
            throw InvalidInputException.of("metadataXml", "field.size", "metadataXml must be at most 1 MiB");
        }
        var id = existing.map(IdentityProvider::id).orElseGet(IdentityProviderId::random);
        var saved = new IdentityProvider(id, caller.spaceId(), SsoProtocol.SAML, name,
                change.enabled() == null || change.enabled(), null, null, false, List.of(), null, entityId, ssoUrl,
                certificates, metadataUrl, metadataXml, claimNames(change.claimNames(), SsoProtocol.SAML),
                clock.instant());
        store(caller, existing, saved, null);
        return repository.provider(id).orElseThrow();
    }

    @Transactional
    public void delete(Caller caller, SsoProtocol protocol) {
        requireWrite(caller);
        var provider = repository.provider(caller.spaceId(), protocol).orElseThrow(() -> notFound(protocol));
        repository.delete(provider.id());
        configurations.changed();
        events.publishEvent(new IdentityProviderChanged(caller, "sso.provider_deleted", caller.spaceId(),
                provider.id(), provider.displayName(), describe(provider), null));
    }

    /** The OIDC client secret, for the token request of a sign-in only. */
    Optional<String> clientSecret(IdentityProvider provider) {
        return repository.sealedClientSecret(provider.id())
                .map(sealed -> secrets.decrypt(sealed, secretContext(provider.id())));
    }

    /**
     * T-SP5: the admin space's providers become the target space's, replacing its own of the same
     * protocol; the client secret is sealed again for the copy, whose id is its own.
     */
    void copyFromAdminSpace(Caller caller, SpaceId target) {
        for (var source : repository.providers(spaces.adminSpaceId())) {
            var existing = repository.provider(target, source.protocol());
            var id = existing.map(IdentityProvider::id).orElseGet(IdentityProviderId::random);
            var copy = new IdentityProvider(id, target, source.protocol(), source.displayName(), source.enabled(),
                    source.issuer(), source.clientId(), source.clientSecretSet(), source.scopes(), source.endpoints(),
                    source.idpEntityId(), source.idpSsoUrl(), source.idpCertificatesPem(), source.metadataUrl(),
                    source.metadataXml(), source.claimNames(), clock.instant());
            String sealed = clientSecret(source).map(secret -> secrets.encrypt(secret, secretContext(id))).orElse(null);
            store(caller, existing, copy, sealed);
        }
    }

    private void store(Caller caller, Optional<IdentityProvider> existing, IdentityProvider saved, String sealedSecret) {
        configurations.changed();
        var after = describe(saved);
        if (sealedSecret != null) {
            after.put("clientSecret", existing.isPresent() && existing.get().clientSecretSet() ? "replaced" : "set");
        }
        if (existing.isPresent()) {
            repository.update(saved);
            if (sealedSecret != null) {
                repository.setClientSecret(saved.id(), sealedSecret);
            }
            events.publishEvent(new IdentityProviderChanged(caller, "sso.provider_changed", saved.space(), saved.id(),
                    saved.displayName(), describe(existing.get()), after));
        } else {
            repository.insert(saved, sealedSecret);
            events.publishEvent(new IdentityProviderChanged(caller, "sso.provider_created", saved.space(), saved.id(),
                    saved.displayName(), null, after));
        }
    }

    /** What the audit trail shows of a provider: its settings, never its secret; certificates by count. */
    private static Map<String, Object> describe(IdentityProvider provider) {
        var state = new LinkedHashMap<String, Object>();
        state.put("protocol", provider.protocol().name());
        state.put("displayName", provider.displayName());
        state.put("enabled", provider.enabled());
        if (provider.protocol() == SsoProtocol.OIDC) {
            state.put("issuer", provider.issuer());
            state.put("clientId", provider.clientId());
            state.put("scopes", provider.scopes());
        } else {
            state.put("idpEntityId", provider.idpEntityId());
            state.put("idpSsoUrl", provider.idpSsoUrl());
            state.put("idpCertificates", provider.idpCertificatesPem().size());
            state.put("metadataUrl", provider.metadataUrl() == null ? "" : provider.metadataUrl());
        }
        var claims = provider.claimNames();
        state.put("claimNames", Map.of("email", claims.email(), "firstName", claims.firstName(), "lastName",
                claims.lastName(), "groups", claims.groups(), "picture", claims.picture()));
        return state;
    }

    private static List<String> scopes(List<String> given) {
        var scopes = new LinkedHashSet<String>();
        scopes.add("openid");
        var wanted = given == null || given.isEmpty() ? List.of("openid", "profile", "email") : given;
        for (String scope : wanted) {
            String text = scope == null ? "" : scope.strip();
            if (!SCOPE.matcher(text).matches()) {
                throw InvalidInputException.of("scopes", "sso.invalid_scope", "'" + scope + "' is not an OAuth scope");
            }
            scopes.add(text);
        }
        if (scopes.size() > 20) {
            throw InvalidInputException.of("scopes", "field.size", "at most 20 scopes");
        }
        return List.copyOf(scopes);
    }

    static ClaimNames claimNames(ClaimNames given, SsoProtocol protocol) {
        var defaults = ClaimNames.defaults(protocol);
        if (given == null) {
            return defaults;
        }
        return new ClaimNames(claim("claimNames.email", given.email(), defaults.email()),
                claim("claimNames.firstName", given.firstName(), defaults.firstName()),
                claim("claimNames.lastName", given.lastName(), defaults.lastName()),
                claim("claimNames.groups", given.groups(), defaults.groups()),
                claim("claimNames.picture", given.picture(), defaults.picture()));
    }

    private static String claim(String field, String value, String fallback) {
        return value == null || value.isBlank() ? fallback : SsoInput.required(field, value, 200);
    }

    /** Each certificate must parse as X.509; it is kept as a normalised PEM block. */
    private static List<String> certificates(List<String> given) {
        var certificates = new ArrayList<String>();
        for (String text : given == null ? List.<String>of() : given) {
            var matcher = PEM.matcher(text == null ? "" : text);
            boolean found = false;
            while (matcher.find()) {
                found = true;
                certificates.add(pem(matcher.group(1)));
            }
            if (!found) {
                throw badCertificate();
            }
        }
        if (certificates.isEmpty()) {
            throw InvalidInputException.of("idpCertificatesPem", "field.required",
                    "at least one signing certificate of the identity provider must be given");
        }
        if (certificates.size() > 10) {
            throw InvalidInputException.of("idpCertificatesPem", "field.size", "at most 10 certificates");
        }
        return List.copyOf(certificates);
    }

    private static String pem(String base64) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(base64);
            var certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateException | IllegalArgumentException e) {
            throw badCertificate();
        }
    }

    private static InvalidInputException badCertificate() {
        return InvalidInputException.of("idpCertificatesPem", "sso.invalid_certificate",
                "each certificate must be an X.509 certificate in PEM form (-----BEGIN CERTIFICATE-----)");
    }

    static String secretContext(IdentityProviderId id) {
        return "identity-provider:" + id + ":client-secret";
    }

    static void requireRead(Caller caller) {
        if (!caller.has(ApiScope.USERS_READ) && !caller.has(ApiScope.SSO_WRITE)) {
            caller.requireScope(ApiScope.SSO_WRITE);
        }
        caller.requireSpaceAdmin();
    }

    static void requireWrite(Caller caller) {
        caller.requireScope(ApiScope.SSO_WRITE);
        caller.requireSpaceAdmin();
    }

    private static NotFoundException notFound(SsoProtocol protocol) {
        return new NotFoundException("sso.provider_not_found",
                "This space has no " + (protocol == SsoProtocol.OIDC ? "OpenID Connect" : "SAML") + " provider.");
    }
}
