package dev.toolyard.sso;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.toolyard.shared.Caller;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * T-ID2–T-ID4, T-SP6 over the API: the space's identity providers and SSO settings, for its admins
 * (instance admins in every space). Reading takes users:read or sso:write, changing sso:write. The
 * OIDC client secret is write-only: answers say only whether one is set.
 */
@RestController
@RequestMapping("/api/v1/sso")
@Tag(name = "Single sign-on")
class SsoApiController {

    private final IdentityProviders providers;
    private final SsoSettings settings;
    private final OidcClientRegistrations registrations;
    private final SamlServiceProvider samlServiceProvider;

    SsoApiController(IdentityProviders providers, SsoSettings settings, OidcClientRegistrations registrations,
            SamlServiceProvider samlServiceProvider) {
        this.providers = providers;
        this.settings = settings;
        this.registrations = registrations;
        this.samlServiceProvider = samlServiceProvider;
    }

    @GetMapping("/providers")
    @Operation(summary = "The space's own identity providers, at most one OIDC and one SAML (space admins; "
            + "scope users:read or sso:write)")
    List<ProviderView> list(Caller caller) {
        return providers.list(caller).stream().map(this::view).toList();
    }

    @GetMapping("/providers/oidc")
    @Operation(summary = "The space's OpenID Connect provider, with the redirect URI to register at it (space admins; "
            + "scope users:read or sso:write)")
    ProviderView getOidc(Caller caller) {
        return view(providers.get(caller, SsoProtocol.OIDC));
    }

    @GetMapping("/providers/saml")
    @Operation(summary = "The space's SAML identity provider (space admins; scope users:read or sso:write)")
    ProviderView getSaml(Caller caller) {
        return view(providers.get(caller, SsoProtocol.SAML));
    }

    @PutMapping("/providers/oidc")
    @Operation(summary = "Create or replace the space's OpenID Connect provider; discovery runs on save, and a "
            + "clientSecret left out keeps the stored one (space admins; scope sso:write)")
    ProviderView saveOidc(Caller caller, @RequestBody OidcProviderChange change) {
        return view(providers.saveOidc(caller, change));
    }

    @PutMapping("/providers/saml")
    @Operation(summary = "Create or replace the space's SAML identity provider (space admins; scope sso:write)")
    ProviderView saveSaml(Caller caller, @RequestBody SamlProviderChange change) {
        return view(providers.saveSaml(caller, change));
    }

    @DeleteMapping("/providers/oidc")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete the space's OpenID Connect provider (space admins; scope sso:write)")
    void deleteOidc(Caller caller) {
        providers.delete(caller, SsoProtocol.OIDC);
    }

    @DeleteMapping("/providers/saml")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete the space's SAML identity provider (space admins; scope sso:write)")
    void deleteSaml(Caller caller) {
        providers.delete(caller, SsoProtocol.SAML);
    }

    @GetMapping("/settings")
    @Operation(summary = "The space's SSO settings: JIT, role mappings, removal mode, break-glass admin, Require "
            + "SSO, reuse of the admin space's providers (space admins; scope users:read or sso:write)")
    SettingsView getSettings(Caller caller) {
        return SettingsView.of(settings.get(caller));
    }

    @PutMapping("/settings")
    @Operation(summary = "Change the space's SSO settings; fields left out stay, except breakGlassAdmin "
            + "(space admins; scope sso:write)")
    SettingsView saveSettings(Caller caller, @RequestBody SettingsRequest request) {
        return SettingsView.of(settings.save(caller, request.change()));
    }

    private ProviderView view(IdentityProvider provider) {
        return new ProviderView(provider.id().value(), provider.protocol().name().toLowerCase(Locale.ROOT),
                provider.displayName(), provider.enabled(), provider.issuer(), provider.clientId(),
                provider.protocol() == SsoProtocol.OIDC ? provider.clientSecretSet() : null, provider.scopes(),
                provider.endpoints(), provider.idpEntityId(), provider.idpSsoUrl(), provider.idpCertificatesPem(),
                provider.metadataUrl(), provider.metadataXml(), provider.claimNames(),
                provider.protocol() == SsoProtocol.OIDC ? registrations.redirectUri(provider.id()) : null,
                provider.protocol() == SsoProtocol.SAML ? ServiceProviderView.of(samlServiceProvider, provider.space())
                        : null,
                provider.updatedAt());
    }

    /**
     * {@code redirectUri}: what to register at the OpenID provider; {@code serviceProvider}: what to
     * register at the SAML identity provider.
     */
    record ProviderView(UUID id, String protocol, String displayName, boolean enabled, String issuer, String clientId,
            Boolean clientSecretSet, List<String> scopes, OidcEndpoints endpoints, String idpEntityId,
            String idpSsoUrl, List<String> idpCertificatesPem, String metadataUrl, String metadataXml,
            ClaimNames claimNames, String redirectUri, ServiceProviderView serviceProvider, Instant updatedAt) {
    }

    /** The space as a SAML service provider (T-ID2): its entity id, ACS and metadata URLs. */
    record ServiceProviderView(String entityId, String acsUrl, String metadataUrl) {

        static ServiceProviderView of(SamlServiceProvider serviceProvider, SpaceId space) {
            return new ServiceProviderView(serviceProvider.entityId(space), serviceProvider.acsUrl(space),
                    serviceProvider.metadataUrl(space));
        }
    }

    record RuleView(String idpValue, String group, UUID groupId) {
    }

    record SettingsView(String jit, List<RuleView> roleMappings, boolean sameNameMatching, boolean removeUnmapped,
            UUID breakGlassAdmin, boolean requireSso, boolean reuseAdminProvider) {

        static SettingsView of(SpaceSsoSettings settings) {
            return new SettingsView(settings.jit().name().toLowerCase(Locale.ROOT),
                    settings.roleMappings().stream()
                            .map(rule -> new RuleView(rule.idpValue(), rule.groupName(), rule.group().value())).toList(),
                    settings.sameNameMatching(), settings.removeUnmapped(),
                    settings.breakGlassAdmin() == null ? null : settings.breakGlassAdmin().value(),
                    settings.requireSso(), settings.reuseAdminProvider());
        }
    }

    /** {@code jit}: off, enabled or suggested; each rule names its group as the space names it. */
    record SettingsRequest(String jit, List<SsoSettingsChange.Rule> roleMappings, Boolean sameNameMatching,
            Boolean removeUnmapped, UUID breakGlassAdmin, Boolean requireSso, Boolean reuseAdminProvider) {

        SsoSettingsChange change() {
            return new SsoSettingsChange(jit == null ? null : JitMode.parse(jit), roleMappings, sameNameMatching,
                    removeUnmapped, breakGlassAdmin == null ? null : new UserId(breakGlassAdmin), requireSso,
                    reuseAdminProvider);
        }
    }
}
