package dev.toolyard.sso;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.toolyard.access.AccessEngine;
import dev.toolyard.access.BuiltInGroup;
import dev.toolyard.access.GroupId;
import dev.toolyard.access.GroupManagement;
import dev.toolyard.access.PermissionGroup;
import dev.toolyard.audit.AuditLog;
import dev.toolyard.audit.AuditOutcome;
import dev.toolyard.audit.AuditRecord;
import dev.toolyard.identity.ExternalAccount;
import dev.toolyard.identity.ExternalAccounts;
import dev.toolyard.identity.ExternalSessions;
import dev.toolyard.identity.ExternalSignIn;
import dev.toolyard.identity.SignInMethod;
import dev.toolyard.identity.UserState;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.ToolyardException;
import dev.toolyard.shared.UserId;
import dev.toolyard.spaces.SpaceManagement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What Toolyard does with an identity a provider vouched for (T-ID2–T-ID4), whatever the protocol:
 * finds the person in the space by e-mail, provisions them just in time when the space wants it
 * (enabled, or suggested and refused until approved), accepts a pending invitation, refuses
 * disabled users, takes names and picture from the provider, and maps the provider's groups to
 * permission groups. Every change is audited as coming from the provider ({@code sso:<name>});
 * every refusal is an {@code auth.sign_in} entry with its reason. The protocols verify responses
 * before calling this; nothing here trusts a browser.
 */
@Service
public class SsoSignIns {

    private final SignInConfigurations configurations;
    private final ExternalAccounts accounts;
    private final ExternalSessions sessions;
    private final GroupManagement groupManagement;
    private final AccessEngine engine;
    private final SpaceManagement spaces;
    private final AuditLog auditLog;
    private final TransactionTemplate transactions;

    SsoSignIns(SignInConfigurations configurations, ExternalAccounts accounts,
            ExternalSessions sessions, GroupManagement groupManagement, AccessEngine engine,
            SpaceManagement spaces, AuditLog auditLog, PlatformTransactionManager transactionManager) {
        this.configurations = configurations;
        this.accounts = accounts;
        this.sessions = sessions;
        this.groupManagement = groupManagement;
        this.engine = engine;
        this.spaces = spaces;
        this.auditLog = auditLog;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Decides who signs in to {@code space} through {@code provider}: the user to start a session
     * for, or a domain exception with a stable code — {@code sso.provider_not_found} (not the
     * enabled provider of that protocol for the space), {@code sso.email_missing},
     * {@code sso.user_not_provisioned} (not a user and JIT off), {@code sso.approval_pending},
     * {@code sso.user_disabled}. What was provisioned before an approval refusal stays.
     */
    public SsoSignInResult signIn(SpaceId space, IdentityProviderId provider, SsoProtocol protocol,
            ExternalIdentity identity, String clientAddress) {
        var configuration = configurations.of(space);
        var configured = configuration.flatMap(found -> found.signingIn(protocol))
                .filter(found -> found.id().equals(provider));
        if (configured.isEmpty()) {
            var refusal = new NotFoundException("sso.provider_not_found",
                    "This identity provider does not sign people into this space.");
            audit(identity, null, protocol, null, clientAddress, refusal);
            throw refusal;
        }
        var chosen = configured.get();
        var caller = Caller.identityProvider(space, chosen.displayName(), clientAddress);
        Outcome outcome;
        try {
            var settings = configuration.orElseThrow().settings();
            outcome = transactions.execute(status -> decide(caller, settings, chosen, protocol, identity));
        } catch (ToolyardException refusal) {
            outcome = new Outcome(null, refusal);
        }
        if (outcome.refusal() != null) {
            audit(identity, outcome.account(), protocol, chosen, clientAddress, outcome.refusal());
            throw outcome.refusal();
        }
        return outcome.result();
    }

    /** Establishes the console session of an accepted sign-in, in the space signed into. */
    public void startSession(HttpServletRequest request, HttpServletResponse response, SsoSignInResult result) {
        var method = result.protocol() == SsoProtocol.OIDC ? SignInMethod.OIDC : SignInMethod.SAML;
        sessions.start(request, response, new ExternalSignIn(result.user(), method, result.providerSpace(),
                result.space(), result.claims(), result.providerName()));
    }

    private record Outcome(SsoSignInResult result, ToolyardException refusal, ExternalAccount account) {

        Outcome(SsoSignInResult result, ToolyardException refusal) {
            this(result, refusal, null);
        }
    }

    private Outcome decide(Caller caller, SpaceSsoSettings settings, IdentityProvider provider, SsoProtocol protocol,
            ExternalIdentity identity) {
        var space = caller.spaceId();
        String email = identity.email() == null ? "" : identity.email().strip().toLowerCase(Locale.ROOT);
        if (email.isEmpty()) {
            return refuse(null, "sso.email_missing", "The identity provider did not say your e-mail address "
                    + "(claim or attribute '" + provider.claimNames().email() + "'). Ask an admin to check it.");
        }
        var account = accounts.find(space, email).filter(found -> found.state() != null);
        if (account.isEmpty()) {
            switch (settings.jit()) {
                case OFF -> {
                    return refuse(accounts.find(space, email).orElse(null), "sso.user_not_provisioned",
                            "You are not a user of " + spaces.nameOf(space) + ". Ask one of its admins to invite you.");
                }
                case SUGGESTED -> {
                    var suggested = accounts.provision(caller, email, identity.firstName(), identity.lastName(),
                            identity.pictureUrl(), UserState.SUGGESTED);
                    return refuse(suggested, "sso.approval_pending", approvalPending(space));
                }
                case ENABLED -> account = Optional.of(accounts.provision(caller, email,
                        identity.firstName(), identity.lastName(), identity.pictureUrl(), UserState.ENABLED));
            }
        }
        var person = account.orElseThrow();
        switch (person.state()) {
            case INVITED -> person = accounts.acceptInvitation(caller, person.id());
            case SUGGESTED -> {
                return refuse(person, "sso.approval_pending", approvalPending(space));
            }
            case DISABLED -> {
                return refuse(person, "sso.user_disabled", "Your user in " + spaces.nameOf(space)
                        + " is disabled. Ask one of its admins to enable it.");
            }
            case ENABLED -> { }
        }
        accounts.updateProfile(caller, provider.space().equals(spaces.adminSpaceId()), person,
                identity.firstName(), identity.lastName(), identity.pictureUrl());
        mapRoles(caller, settings, person.id(), identity.groups());
        return new Outcome(new SsoSignInResult(person.id(), person.email(), space, provider.space(), provider.id(),
                provider.displayName(), protocol, PlainClaims.of(identity.claims())), null);
    }

    /**
     * T-ID4: the groups the provider's values back — ordered rules, then same-name matching — are
     * joined; in removal mode the others are left, except that the break-glass admin keeps Admin.
     * All Users is automatic and never touched.
     */
    private void mapRoles(Caller caller, SpaceSsoSettings settings, UserId user, List<String> idpValues) {
        var space = caller.spaceId();
        var values = new HashSet<String>();
        idpValues.forEach(value -> values.add(value.strip().toLowerCase(Locale.ROOT)));
        var backed = new LinkedHashSet<GroupId>();
        for (var rule : settings.roleMappings()) {
            if (values.contains(rule.idpValue().strip().toLowerCase(Locale.ROOT))) {
                backed.add(rule.group());
            }
        }
        var mappable = engine.groups(space).stream().filter(PermissionGroup::membersEditable).toList();
        if (settings.sameNameMatching()) {
            mappable.stream().filter(group -> values.contains(group.name().toLowerCase(Locale.ROOT)))
                    .forEach(group -> backed.add(group.id()));
        }
        Set<GroupId> current = new HashSet<>();
        engine.memberGroups(space, user).stream().filter(PermissionGroup::membersEditable)
                .forEach(group -> current.add(group.id()));
        for (var group : backed) {
            if (!current.contains(group)) {
                groupManagement.addMember(caller, group, user);
            }
        }
        if (settings.removeUnmapped()) {
            for (var group : mappable) {
                boolean keptBreakGlass = group.builtIn() == BuiltInGroup.ADMIN && user.equals(settings.breakGlassAdmin());
                if (current.contains(group.id()) && !backed.contains(group.id()) && !keptBreakGlass) {
                    groupManagement.removeMember(caller, group.id(), user);
                }
            }
        }
    }

    private String approvalPending(SpaceId space) {
        return "Your access to " + spaces.nameOf(space) + " is waiting for an admin's approval.";
    }

    private static Outcome refuse(ExternalAccount account, String code, String message) {
        return new Outcome(null, new ForbiddenException(code, message), account);
    }

    private void audit(ExternalIdentity identity, ExternalAccount account, SsoProtocol protocol,
            IdentityProvider provider, String clientAddress, ToolyardException refusal) {
        String label = account != null ? account.email() : identity.email() == null ? "" : identity.email();
        auditLog.append(AuditRecord.action("auth.sign_in")
                .actor(account == null ? null : account.id(), label, clientAddress)
                .onInstance()
                .target("user", account == null ? null : account.id(), label)
                .outcome(AuditOutcome.DENIED)
                .after(Map.of("method", protocol.name().toLowerCase(Locale.ROOT), "result", refusal.code(),
                        "provider", provider == null ? "" : provider.displayName()))
                .build());
    }
}
