package dev.toolyard.sso;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.toolyard.access.BuiltInGroup;
import dev.toolyard.access.GroupManagement;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.UserId;
import dev.toolyard.spaces.SpaceManagement;

/**
 * The console's single sign-on page, {@code /settings/sso} (T-ID2–T-ID4, T-SP6): what to enter at
 * the identity provider, the space's OIDC and SAML providers, and its SSO settings. Plain forms;
 * every decision is {@link IdentityProviders}' and {@link SsoSettings}'.
 */
@Controller
@RequestMapping("/settings/sso")
class SsoConsoleController {

    private final IdentityProviders providers;
    private final SsoSettings settings;
    private final OidcClientRegistrations registrations;
    private final GroupManagement groups;
    private final SpaceManagement spaces;
    private final SamlServiceProvider samlServiceProvider;

    SsoConsoleController(IdentityProviders providers, SsoSettings settings, OidcClientRegistrations registrations,
            GroupManagement groups, SpaceManagement spaces, SamlServiceProvider samlServiceProvider) {
        this.providers = providers;
        this.settings = settings;
        this.registrations = registrations;
        this.groups = groups;
        this.spaces = spaces;
        this.samlServiceProvider = samlServiceProvider;
    }

    @GetMapping
    String page(Caller caller, Model model) {
        var own = providers.list(caller);
        var oidc = own.stream().filter(provider -> provider.protocol() == SsoProtocol.OIDC).findFirst().orElse(null);
        var saml = own.stream().filter(provider -> provider.protocol() == SsoProtocol.SAML).findFirst().orElse(null);
        var current = settings.get(caller);
        model.addAttribute("oidc", oidc);
        model.addAttribute("saml", saml);
        model.addAttribute("oidcClaims", oidc == null ? ClaimNames.defaults(SsoProtocol.OIDC) : oidc.claimNames());
        model.addAttribute("samlClaims", saml == null ? ClaimNames.defaults(SsoProtocol.SAML) : saml.claimNames());
        model.addAttribute("redirectUri", oidc == null ? null : registrations.redirectUri(oidc.id()));
        model.addAttribute("samlServiceProvider",
                SsoApiController.ServiceProviderView.of(samlServiceProvider, caller.spaceId()));
        model.addAttribute("settings", current);
        model.addAttribute("rules", current.roleMappings().stream()
                .map(rule -> rule.idpValue() + " -> " + rule.groupName()).collect(Collectors.joining("\n")));
        model.addAttribute("adminSpace", caller.spaceId().equals(spaces.adminSpaceId()));
        var adminGroup = groups.list(caller).stream().filter(group -> group.group().builtIn() == BuiltInGroup.ADMIN)
                .findFirst().orElseThrow().group();
        model.addAttribute("admins", groups.members(caller, adminGroup.id()));
        return "sso";
    }

    @PostMapping("/oidc")
    String saveOidc(Caller caller, @RequestParam String displayName, @RequestParam(defaultValue = "false") boolean enabled,
            @RequestParam String issuer, @RequestParam String clientId,
            @RequestParam(required = false) String clientSecret, @RequestParam(defaultValue = "") String scopes,
            @RequestParam String emailClaim, @RequestParam String firstNameClaim, @RequestParam String lastNameClaim,
            @RequestParam String groupsClaim, @RequestParam String pictureClaim, RedirectAttributes flash) {
        return attempt(flash, "The OpenID Connect provider is saved; discovery found its endpoints.", () ->
                providers.saveOidc(caller, new OidcProviderChange(displayName, enabled, issuer, clientId, clientSecret,
                        words(scopes), new ClaimNames(emailClaim, firstNameClaim, lastNameClaim, groupsClaim,
                                pictureClaim))));
    }

    @PostMapping("/saml")
    String saveSaml(Caller caller, @RequestParam String displayName, @RequestParam(defaultValue = "false") boolean enabled,
            @RequestParam String idpEntityId, @RequestParam String idpSsoUrl, @RequestParam String certificates,
            @RequestParam(required = false) String metadataUrl, @RequestParam(required = false) String metadataXml,
            @RequestParam String emailClaim, @RequestParam String firstNameClaim, @RequestParam String lastNameClaim,
            @RequestParam String groupsClaim, RedirectAttributes flash) {
        return attempt(flash, "The SAML identity provider is saved.", () ->
                providers.saveSaml(caller, new SamlProviderChange(displayName, enabled, idpEntityId, idpSsoUrl,
                        List.of(certificates), metadataUrl, metadataXml, new ClaimNames(emailClaim, firstNameClaim,
                                lastNameClaim, groupsClaim, null))));
    }

    @PostMapping("/oidc/delete")
    String deleteOidc(Caller caller, RedirectAttributes flash) {
        providers.delete(caller, SsoProtocol.OIDC);
        flash.addFlashAttribute("notice", "The OpenID Connect provider is deleted.");
        return "redirect:/settings/sso";
    }

    @PostMapping("/saml/delete")
    String deleteSaml(Caller caller, RedirectAttributes flash) {
        providers.delete(caller, SsoProtocol.SAML);
        flash.addFlashAttribute("notice", "The SAML provider is deleted.");
        return "redirect:/settings/sso";
    }

    @PostMapping("/settings")
    String saveSettings(Caller caller, @RequestParam(required = false) String jit,
            @RequestParam(required = false) String rules,
            @RequestParam(defaultValue = "false") boolean sameNameMatching,
            @RequestParam(defaultValue = "false") boolean removeUnmapped,
            @RequestParam(required = false) UUID breakGlassAdmin,
            @RequestParam(defaultValue = "false") boolean requireSso,
            @RequestParam(defaultValue = "false") boolean reuseAdminProvider, RedirectAttributes flash) {
        return attempt(flash, "The SSO settings are saved.", () -> settings.save(caller, new SsoSettingsChange(
                jit == null ? null : JitMode.parse(jit), rules == null ? null : rules(rules), sameNameMatching, removeUnmapped,
                breakGlassAdmin == null ? null : new UserId(breakGlassAdmin), requireSso, reuseAdminProvider)));
    }

    /** One rule a line, {@code IdP value -> group}. */
    static List<SsoSettingsChange.Rule> rules(String text) {
        var rules = new ArrayList<SsoSettingsChange.Rule>();
        var lines = text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        for (int i = 0; i < lines.size(); i++) {
            int arrow = lines.get(i).lastIndexOf("->");
            if (arrow < 0) {
                throw InvalidInputException.of("roleMappings[" + i + "]", "sso.invalid_rule",
                        "Line " + (i + 1) + " is not 'IdP value -> group'");
            }
            rules.add(new SsoSettingsChange.Rule(lines.get(i).substring(0, arrow).strip(),
                    lines.get(i).substring(arrow + 2).strip()));
        }
        return rules;
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.split("[\\s,]+")).filter(word -> !word.isEmpty()).toList();
    }

    private static String attempt(RedirectAttributes flash, String notice, Runnable change) {
        try {
            change.run();
            flash.addFlashAttribute("notice", notice);
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", "Nothing was saved: " + e.fieldProblems().stream()
                    .map(problem -> problem.message()).collect(Collectors.joining("; ")) + ".");
        } catch (ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/settings/sso";
    }
}
