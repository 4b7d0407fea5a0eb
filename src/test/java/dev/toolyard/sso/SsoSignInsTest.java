package dev.toolyard.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;
import dev.toolyard.spaces.SpaceManagement;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;

/**
 * What SSO does with an identity the provider vouched for, whatever the protocol (T-ID3, T-ID4,
 * T-SP6): JIT provisioning enabled, suggested and off, invitations, disabled users, role mapping
 * with its removal mode and the break-glass admin, and reuse of the admin space's provider. The
 * protocols' own tests drive the same service through a real provider.
 */
@ToolyardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SsoSignInsTest {

    static final String CERTIFICATE = certificate();

    @LocalServerPort
    int port;

    @Autowired
    SsoSignIns signIns;

    @Autowired
    IdentityProviders providers;

    @Autowired
    SsoSettings settings;

    @Autowired
    SpaceManagement spaces;

    @Autowired
    JdbcClient jdbc;

    private TestSpace space;
    private Caller admin;
    private IdentityProvider saml;

    @BeforeAll
    void space() {
        space = TestSpaces.create(port, "SSO");
        admin = adminOf(space);
        saml = providers.saveSaml(admin, samlProvider("Okta"));
    }

    @Test
    void jitCreatesAnEnabledUserWithNamesPictureAndMappedGroups() {
        settings.save(admin, new SsoSettingsChange(JitMode.ENABLED,
                List.of(new SsoSettingsChange.Rule("devops", "Admin"), new SsoSettingsChange.Rule("support", "Viewer")),
                false, false, null, null, null));
        String email = TestSpaces.email("jit");

        var result = signIns.signIn(spaceId(), saml.id(), SsoProtocol.SAML, new ExternalIdentity("sub-1", email,
                "Ada", "Lovelace", "https://pictures.example.com/ada.png", List.of("devops"),
                Map.of("department", "Engineering")), "203.0.113.7");

        assertThat(result.email()).isEqualTo(email);
        assertThat(result.claims()).containsEntry("department", "Engineering");
        assertThat(state(result.user())).isEqualTo("ENABLED");
        assertThat(jdbc.sql("select first_name || ' ' || last_name || ' ' || picture_url from users where id = ?")
                .param(result.user().value()).query(String.class).single())
                .isEqualTo("Ada Lovelace https://pictures.example.com/ada.png");
        assertThat(groups(result.user())).containsExactly("Admin");
        assertThat(auditActors("group.member_added", result.user())).containsExactly("sso:Okta");
        assertThat(auditActors("user.provisioned", result.user())).containsExactly("sso:Okta");
    }

    @Test
    void jitOffRefusesSomeoneWhoIsNotAUserAndSaysSoInTheAuditTrail() {
        var child = TestSpaces.create(port, "SSO off");
        var provider = providers.saveSaml(adminOf(child), samlProvider("Entra"));
        String email = TestSpaces.email("stranger");

        assertThatThrownBy(() -> signIns.signIn(new SpaceId(UUID.fromString(child.id())), provider.id(),
                SsoProtocol.SAML, identity(email, List.of()), "203.0.113.8"))
                .isInstanceOfSatisfying(ForbiddenException.class,
                        refused -> assertThat(refused.code()).isEqualTo("sso.user_not_provisioned"));
        assertThat(jdbc.sql("select count(*) from users where lower(email) = ?").param(email)
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("""
                select count(*) from audit_entries where action = 'auth.sign_in' and outcome = 'DENIED'
                and actor_label = ? and after_state::jsonb ->> 'result' = 'sso.user_not_provisioned'""")
                .param(email).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void jitSuggestedMakesASuggestedUserWhoWaitsForApproval() {
        var child = TestSpaces.create(port, "SSO suggested");
        var childAdmin = adminOf(child);
        var provider = providers.saveSaml(childAdmin, samlProvider("Okta"));
        settings.save(childAdmin, new SsoSettingsChange(JitMode.SUGGESTED, null, null, null, null, null, null));
        String email = TestSpaces.email("newcomer");
        var childId = new SpaceId(UUID.fromString(child.id()));

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> signIns.signIn(childId, provider.id(), SsoProtocol.SAML,
                    identity(email, List.of()), "203.0.113.9"))
                    .isInstanceOfSatisfying(ForbiddenException.class,
                            refused -> assertThat(refused.code()).isEqualTo("sso.approval_pending"));
        }
        var user = new UserId(jdbc.sql("select id from users where email = ?").param(email)
                .query(UUID.class).single());
        assertThat(jdbc.sql("select state from space_memberships where space_id = ? and user_id = ?")
                .params(childId.value(), user.value()).query(String.class).single()).isEqualTo("SUGGESTED");

        var approved = child.api().post("/api/v1/users/" + user + "/approve", "{\"groups\":[\"Viewer\"]}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        var result = signIns.signIn(childId, provider.id(), SsoProtocol.SAML, identity(email, List.of()), null);
        assertThat(result.user()).isEqualTo(user);
    }

    @Test
    void anInvitedUserAcceptsTheirInvitationBySigningIn() {
        String invited = space.invite("invited", "Viewer");
        String email = jdbc.sql("select email from users where id = ?").param(UUID.fromString(invited))
                .query(String.class).single();

        var result = signIns.signIn(spaceId(), saml.id(), SsoProtocol.SAML, identity(email, List.of()), null);

        assertThat(result.user().toString()).isEqualTo(invited);
        assertThat(state(result.user())).isEqualTo("ENABLED");
        assertThat(jdbc.sql("select accepted_at is not null from invitations where user_id = ?")
                .param(UUID.fromString(invited)).query(Boolean.class).single()).isTrue();
    }

    @Test
    void aDisabledUserIsRefused() {
        var person = space.enabledUser("disabled", "Viewer");
        var disabled = space.api().post("/api/v1/users/" + person.id() + "/disable", "{}");
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);

        assertThatThrownBy(() -> signIns.signIn(spaceId(), saml.id(), SsoProtocol.SAML,
                identity(person.email(), List.of()), null))
                .isInstanceOfSatisfying(ForbiddenException.class,
                        refused -> assertThat(refused.code()).isEqualTo("sso.user_disabled"));
    }

    @Test
    void removalModeLeavesUnbackedGroupsButTheBreakGlassAdminKeepsAdmin() {
        var child = TestSpaces.create(port, "SSO removal");
        var childAdmin = adminOf(child);
        var provider = providers.saveSaml(childAdmin, samlProvider("Okta"));
        String finance = child.group("Finance");
        String financeName = child.api().get("/api/v1/groups/" + finance).json().get("name").asString();
        var person = child.enabledUser("mapped", "Editor", "Viewer");
        var breakGlass = new UserId(UUID.fromString(child.admin().id()));
        settings.save(childAdmin, new SsoSettingsChange(JitMode.OFF, List.of(new SsoSettingsChange.Rule("fin",
                financeName)), true, true, breakGlass, null, null));
        var childId = new SpaceId(UUID.fromString(child.id()));

        var mapped = signIns.signIn(childId, provider.id(), SsoProtocol.SAML,
                identity(person.email(), List.of("fin", "viewer")), null);
        var admin = signIns.signIn(childId, provider.id(), SsoProtocol.SAML,
                identity(child.admin().email(), List.of()), null);

        assertThat(groups(mapped.user(), childId)).containsExactlyInAnyOrder(financeName, "Viewer");
        assertThat(auditActors("group.member_removed", mapped.user())).containsExactly("sso:Okta");
        assertThat(groups(admin.user(), childId)).containsExactly("Admin");
    }

    @Test
    void aProviderSignsPeopleOnlyIntoItsSpaceUnlessTheSpaceReusesTheAdminSpaces() {
        var instanceAdmin = Caller.system(spaces.adminSpaceId());
        var adminProvider = providers.saveSaml(instanceAdmin, samlProvider("Company IdP"));
        var child = TestSpaces.create(port, "SSO reuse");
        var childId = new SpaceId(UUID.fromString(child.id()));
        var person = child.enabledUser("reuser", "Viewer");

        assertThatThrownBy(() -> signIns.signIn(childId, adminProvider.id(), SsoProtocol.SAML,
                identity(person.email(), List.of()), null))
                .isInstanceOfSatisfying(NotFoundException.class,
                        refused -> assertThat(refused.code()).isEqualTo("sso.provider_not_found"));
        assertThat(providers.saml(childId)).isEmpty();

        settings.save(adminOf(child), new SsoSettingsChange(null, null, null, null, null, null, true));

        assertThat(providers.saml(childId)).hasValueSatisfying(reused -> {
            assertThat(reused.id()).isEqualTo(adminProvider.id());
            assertThat(reused.space()).isEqualTo(spaces.adminSpaceId());
            assertThat(reused.idpCertificatesPem()).hasSize(1);
        });
        var result = signIns.signIn(childId, adminProvider.id(), SsoProtocol.SAML,
                identity(person.email(), List.of()), null);
        assertThat(result.space()).isEqualTo(childId);
        assertThat(result.providerSpace()).isEqualTo(spaces.adminSpaceId());
        providers.delete(instanceAdmin, SsoProtocol.SAML);
    }

    @Test
    void aSpacesOwnProviderDoesNotRenameSomeoneWhoAlsoBelongsToAnotherSpace() {
        var other = TestSpaces.create(port, "SSO elsewhere");
        var person = other.enabledUser("shared", "Viewer");
        var child = TestSpaces.create(port, "SSO rename");
        var childId = new SpaceId(UUID.fromString(child.id()));
        var provider = providers.saveSaml(adminOf(child), samlProvider("Child IdP"));
        settings.save(adminOf(child), new SsoSettingsChange(JitMode.ENABLED, null, null, null, null, null, null));
        String namesBefore = names(person.id());

        var result = signIns.signIn(childId, provider.id(), SsoProtocol.SAML, new ExternalIdentity("sub-shared",
                person.email(), "Mallory", "Renamed", "https://pictures.example.com/mallory.png", List.of(),
                Map.of()), null);

        assertThat(result.user().toString()).isEqualTo(person.id());
        assertThat(names(person.id())).isEqualTo(namesBefore);

        String newcomer = TestSpaces.email("only-here");
        var fresh = signIns.signIn(childId, provider.id(), SsoProtocol.SAML, new ExternalIdentity("sub-new", newcomer,
                "Grace", "Hopper", null, List.of(), Map.of()), null);
        signIns.signIn(childId, provider.id(), SsoProtocol.SAML, new ExternalIdentity("sub-new", newcomer,
                "Grace", "Brewster Hopper", null, List.of(), Map.of()), null);
        assertThat(names(fresh.user().toString())).isEqualTo("Grace Brewster Hopper null");
    }

    /**
     * Sign-ins read the space's provider and settings from memory (V22); another node's change
     * (here a plain statement on the tables, as another node's would be) reaches them through the
     * tables' notifications.
     */
    @Test
    void changesMadeByAnotherNodeReachTheNextSignIn() {
        var child = TestSpaces.create(port, "SSO other node");
        var childId = new SpaceId(UUID.fromString(child.id()));
        var provider = providers.saveSaml(adminOf(child), samlProvider("Cached IdP"));
        settings.save(adminOf(child), new SsoSettingsChange(JitMode.ENABLED, null, null, null, null, null, null));
        String email = TestSpaces.email("cached");
        var person = signIns.signIn(childId, provider.id(), SsoProtocol.SAML, identity(email, List.of("ops")), null);
        assertThat(groups(person.user(), childId)).isEmpty();

        jdbc.sql("""
                insert into sso_role_mappings (space_id, position, idp_value, group_id)
                select space_id, 0, 'ops', id from permission_groups where space_id = ? and name = 'Editor'""")
                .param(childId.value()).update();
        eventually(() -> {
            signIns.signIn(childId, provider.id(), SsoProtocol.SAML, identity(email, List.of("ops")), null);
            return groups(person.user(), childId).contains("Editor");
        });

        jdbc.sql("update identity_providers set enabled = false where id = ?").param(provider.id().value()).update();
        eventually(() -> {
            try {
                signIns.signIn(childId, provider.id(), SsoProtocol.SAML, identity(email, List.of("ops")), null);
                return false;
            } catch (NotFoundException refused) {
                return refused.code().equals("sso.provider_not_found");
            }
        });
    }

    private static void eventually(Supplier<Boolean> condition) {
        var deadline = Instant.now().plusSeconds(10);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not within 10 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static SamlProviderChange samlProvider(String name) {
        return new SamlProviderChange(name, true, "https://idp.example.com/" + UUID.randomUUID(),
                "https://idp.example.com/sso", List.of(CERTIFICATE), null, null, null);
    }

    static Caller adminOf(TestSpace space) {
        return Caller.session(new UserId(UUID.fromString(space.admin().id())), space.admin().email(),
                new SpaceId(UUID.fromString(space.id())), false, true, "127.0.0.1");
    }

    private static ExternalIdentity identity(String email, List<String> groups) {
        return new ExternalIdentity("subject-" + email, email, "", "", null, groups, Map.of());
    }

    private SpaceId spaceId() {
        return new SpaceId(UUID.fromString(space.id()));
    }

    private String names(String user) {
        return jdbc.sql("select first_name || ' ' || last_name || ' ' || coalesce(picture_url, 'null') from users where id = ?")
                .param(UUID.fromString(user)).query(String.class).single();
    }

    private String state(UserId user) {
        return jdbc.sql("select state from space_memberships where space_id = ? and user_id = ?")
                .params(spaceId().value(), user.value()).query(String.class).single();
    }

    private List<String> groups(UserId user) {
        return groups(user, spaceId());
    }

    private List<String> groups(UserId user, SpaceId in) {
        return jdbc.sql("""
                select g.name from group_memberships m join permission_groups g on g.id = m.group_id
                where g.space_id = ? and m.user_id = ? order by g.name""")
                .params(in.value(), user.value()).query(String.class).list();
    }

    private List<String> auditActors(String action, UserId user) {
        return jdbc.sql("""
                select distinct actor_label from audit_entries
                where action = ? and (target_id = ? or after_state::jsonb ->> 'user' = ? or before_state::jsonb ->> 'user' = ?)""")
                .params(action, user.toString(), user.toString(), user.toString()).query(String.class).list();
    }

    private static String certificate() {
        try (var in = SsoSignInsTest.class.getResourceAsStream("/sso/idp-certificate.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
