package dev.toolyard.sso;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.access.PermissionGroup;
import dev.toolyard.access.PermissionGroups;
import dev.toolyard.identity.ExternalAccounts;
import dev.toolyard.identity.UserState;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.spaces.SpaceManagement;

/**
 * A space's SSO settings as its admins manage them (T-ID3, T-ID4, T-SP6): JIT provisioning, the
 * ordered role-mapping rules, same-name matching, removal of unmapped memberships, the break-glass
 * admin, "Require SSO" and reuse of the admin space's providers.
 */
@Service
public class SsoSettings {

    private static final int MAX_RULES = 200;
    private static final int MAX_VALUE = 256;

    private final SsoRepository repository;
    private final IdentityProviders providers;
    private final PermissionGroups groups;
    private final ExternalAccounts accounts;
    private final SpaceManagement spaces;
    private final SignInConfigurations configurations;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SsoSettings(SsoRepository repository, IdentityProviders providers, PermissionGroups groups,
            ExternalAccounts accounts, SpaceManagement spaces, SignInConfigurations configurations, ApplicationEventPublisher events,
            Clock clock) {
        this.repository = repository;
        this.providers = providers;
        this.groups = groups;
        this.accounts = accounts;
        this.spaces = spaces;
        this.configurations = configurations;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public SpaceSsoSettings get(Caller caller) {
        IdentityProviders.requireRead(caller);
        return repository.settings(caller.spaceId());
    }

    /**
     * Saves the settings. Refused: reuse in the admin space itself; a break-glass admin who is not
     * an enabled member of the space's Admin group with a local password; "Require SSO" without an
     * enabled provider for the space or without a break-glass admin (nobody could repair a broken
     * provider); rules naming an unknown group or All Users (whose membership is automatic).
     */
    @Transactional
    public SpaceSsoSettings save(Caller caller, SsoSettingsChange change) {
        IdentityProviders.requireWrite(caller);
        var space = caller.spaceId();
        var before = repository.settings(space);
        var rules = change.roleMappings() == null ? before.roleMappings() : rules(space, change.roleMappings());
        boolean reuse = change.reuseAdminProvider() == null ? before.reuseAdminProvider() : change.reuseAdminProvider();
        if (reuse && space.equals(spaces.adminSpaceId())) {
            throw InvalidInputException.of("reuseAdminProvider", "sso.reuse_in_admin_space",
                    "The admin space has its own providers; only other spaces reuse them");
        }
        var breakGlass = change.breakGlassAdmin();
        if (breakGlass != null) {
            var account = accounts.find(space, breakGlass).filter(found -> found.state() != null)
                    .orElseThrow(() -> new NotFoundException("user.not_found", "There is no user " + breakGlass
                            + " in this space."));
            if (account.state() != UserState.ENABLED) {
                throw InvalidInputException.of("breakGlassAdmin", "sso.break_glass_not_user",
                        "The break-glass admin must be an enabled user of this space");
            }
            if (!accounts.isAdmin(space, breakGlass) || !account.localPassword()) {
                throw InvalidInputException.of("breakGlassAdmin", "sso.break_glass_not_local_admin",
                        "The break-glass admin must be in the Admin group and have a local password");
            }
        }
        var settings = new SpaceSsoSettings(space, change.jit() == null ? before.jit() : change.jit(), rules,
                change.sameNameMatching() == null ? before.sameNameMatching() : change.sameNameMatching(),
                change.removeUnmapped() == null ? before.removeUnmapped() : change.removeUnmapped(), breakGlass,
                change.requireSso() == null ? before.requireSso() : change.requireSso(), reuse);
        repository.saveSettings(settings, clock.instant());
        configurations.changed();
        if (settings.requireSso()) {
            boolean provider = providers.signingInto(space, SsoProtocol.OIDC).isPresent()
                    || providers.signingInto(space, SsoProtocol.SAML).isPresent();
            if (!provider) {
                throw new ConflictException("sso.require_without_provider",
                        "Require SSO needs an enabled identity provider for this space.");
            }
            if (breakGlass == null) {
                throw InvalidInputException.of("breakGlassAdmin", "sso.require_without_break_glass",
                        "Require SSO needs a break-glass admin, who can still sign in with password and TOTP");
            }
        }
        var after = repository.settings(space);
        events.publishEvent(new SsoSettingsChanged(caller, space, describe(before), describe(after)));
        return after;
    }

    /** T-SP5: the admin space's settings, its rules following the groups by name, become the space's. */
    void copyFromAdminSpace(Caller caller, SpaceId target) {
        var source = repository.settings(spaces.adminSpaceId());
        var before = repository.settings(target);
        var byName = byName(target);
        var rules = source.roleMappings().stream()
                .filter(rule -> byName.containsKey(rule.groupName().toLowerCase(Locale.ROOT)))
                .map(rule -> {
                    var group = byName.get(rule.groupName().toLowerCase(Locale.ROOT));
                    return new RoleMapping(rule.idpValue(), group.id(), group.name());
                })
                .toList();
        // The break-glass admin is a person of the admin space, and "Require SSO" needs one of the target's own.
        var copy = new SpaceSsoSettings(target, source.jit(), rules, source.sameNameMatching(),
                source.removeUnmapped(), before.breakGlassAdmin(), before.requireSso(), before.reuseAdminProvider());
        repository.saveSettings(copy, clock.instant());
        configurations.changed();
        var after = repository.settings(target);
        if (!describe(before).equals(describe(after))) {
            events.publishEvent(new SsoSettingsChanged(caller, target, describe(before), describe(after)));
        }
    }

    private List<RoleMapping> rules(SpaceId space, List<SsoSettingsChange.Rule> given) {
        if (given.size() > MAX_RULES) {
            throw InvalidInputException.of("roleMappings", "field.size", "at most " + MAX_RULES + " rules");
        }
        var byName = byName(space);
        var rules = new ArrayList<RoleMapping>();
        for (int i = 0; i < given.size(); i++) {
            var rule = given.get(i);
            String field = "roleMappings[" + i + "]";
            String value = SsoInput.required(field + ".idpValue", rule == null ? null : rule.idpValue(), MAX_VALUE);
            String name = rule.group() == null ? "" : rule.group().strip();
            var group = byName.get(name.toLowerCase(Locale.ROOT));
            if (group == null) {
                throw InvalidInputException.of(field + ".group", "sso.unknown_group",
                        "There is no group '" + name + "' whose members can be mapped in this space");
            }
            rules.add(new RoleMapping(value, group.id(), group.name()));
        }
        return rules;
    }

    private Map<String, PermissionGroup> byName(SpaceId space) {
        var byName = new LinkedHashMap<String, PermissionGroup>();
        groups.all(space).stream().filter(PermissionGroup::membersEditable)
                .forEach(group -> byName.put(group.name().toLowerCase(Locale.ROOT), group));
        return byName;
    }

    private static Map<String, Object> describe(SpaceSsoSettings settings) {
        var state = new LinkedHashMap<String, Object>();
        state.put("jit", settings.jit().name());
        state.put("roleMappings", settings.roleMappings().stream()
                .map(rule -> rule.idpValue() + " -> " + rule.groupName()).toList());
        state.put("sameNameMatching", settings.sameNameMatching());
        state.put("removeUnmapped", settings.removeUnmapped());
        state.put("breakGlassAdmin", settings.breakGlassAdmin() == null ? "" : settings.breakGlassAdmin().toString());
        state.put("requireSso", settings.requireSso());
        state.put("reuseAdminProvider", settings.reuseAdminProvider());
        return state;
    }
}
