package dev.toolyard.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.toolyard.testing.Admin;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.ConsoleSession;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * Configuring SSO through the API and the console (T-ID2–T-ID4, T-SP5): the client secret is never
 * given back, discovery failures are explained, bad settings change nothing, the admin space's
 * configuration is copied into a new space, and "Require SSO" keeps password sessions out — the
 * break-glass admin's too, unless signed in with a second factor.
 */
@ToolyardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class SsoSettingsApiTest {

    private static final String SECRET = "very-secret-client-secret-" + UUID.randomUUID();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final MockOAuth2Server idp = new MockOAuth2Server();
    private TestSpace space;

    @BeforeAll
    void start() {
        idp.start();
        space = TestSpaces.create(port, "SSO settings");
    }

    @AfterAll
    void stop() {
        idp.shutdown();
    }

    @Test
    void theClientSecretIsWriteOnlyAndNeverInAnAnswerOrTheAuditTrail() {
        var saved = space.api().send("PUT", "/api/v1/sso/providers/oidc", "{\"displayName\":\"Okta\",\"issuer\":\""
                + idp.issuerUrl("settings") + "\",\"clientId\":\"toolyard\",\"clientSecret\":\"" + SECRET + "\"}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("clientSecretSet").asBoolean()).isTrue();
        assertThat(saved.json().get("redirectUri").asString())
                .isEqualTo("http://localhost:" + port + "/login/oauth2/code/" + saved.json().get("id").asString());
        assertThat(saved.json().get("endpoints").get("tokenEndpoint").asString()).isEqualTo(idp.tokenEndpointUrl("settings").toString());

        var renamed = space.api().send("PUT", "/api/v1/sso/providers/oidc", "{\"displayName\":\"Okta SSO\",\"issuer\":\""
                + idp.issuerUrl("settings") + "\",\"clientId\":\"toolyard\"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("clientSecretSet").asBoolean()).isTrue();

        var answers = String.join("\n", saved.body(), renamed.body(), space.api().get("/api/v1/sso/providers").body(),
                space.api().get("/api/v1/sso/providers/oidc").body(), space.console().get("/settings/sso").body());
        assertThat(answers).doesNotContain(SECRET);
        assertThat(jdbc.sql("select count(*) from audit_entries where after_state like ? or before_state like ?")
                .params("%" + SECRET + "%", "%" + SECRET + "%").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select client_secret from identity_providers where space_id = ?")
                .param(UUID.fromString(space.id())).query(String.class).single()).startsWith("v1:").doesNotContain(SECRET);
        assertThat(jdbc.sql("select after_state from audit_entries where action = 'sso.provider_created' and space_id = ?")
                .param(UUID.fromString(space.id())).query(String.class).single()).contains("\"clientSecret\":\"[redacted]\"");
    }

    @Test
    void aFailedDiscoverySaysWhyAndSavesNothing() {
        var other = TestSpaces.create(port, "SSO discovery");

        // Toolyard itself is no OpenID provider: its answer to the discovery URL is not a configuration.
        var wrongIssuer = other.api().send("PUT", "/api/v1/sso/providers/oidc", "{\"displayName\":\"Okta\",\"issuer\":\""
                + "http://localhost:" + port + "/nowhere\",\"clientId\":\"toolyard\",\"clientSecret\":\"x\"}");
        var plainHttp = other.api().send("PUT", "/api/v1/sso/providers/oidc", "{\"displayName\":\"Okta\","
                + "\"issuer\":\"http://idp.example.com\",\"clientId\":\"toolyard\",\"clientSecret\":\"x\"}");

        assertThat(wrongIssuer.status()).as(wrongIssuer.body()).isEqualTo(400);
        assertThat(wrongIssuer.json().get("code").asString()).isEqualTo("sso.discovery_failed");
        assertThat(wrongIssuer.body()).contains("issuer").contains("answered HTTP");
        assertThat(plainHttp.json().get("code").asString()).isEqualTo("sso.https_required");
        assertThat(other.api().get("/api/v1/sso/providers").json()).isEmpty();
    }

    @Test
    void settingsNeedScopeAndAdminAndRefuseWhatCannotWork() {
        var member = space.enabledUser("member", "Viewer");
        var memberApi = member.token(port, TestSpaces.ALL_SCOPES);
        assertThat(memberApi.get("/api/v1/sso/settings").status()).isEqualTo(403);
        var readOnly = new ApiClient(port, Admin.token(space.console(), "users:read"));
        assertThat(readOnly.get("/api/v1/sso/settings").status()).isEqualTo(200);
        assertThat(readOnly.send("PUT", "/api/v1/sso/settings", "{\"jit\":\"enabled\"}").json().get("code").asString())
                .isEqualTo("access.insufficient_scope");

        var unknownGroup = space.api().send("PUT", "/api/v1/sso/settings",
                "{\"roleMappings\":[{\"idpValue\":\"devops\",\"group\":\"Nobody\"}]}");
        var allUsers = space.api().send("PUT", "/api/v1/sso/settings",
                "{\"roleMappings\":[{\"idpValue\":\"devops\",\"group\":\"All Users\"}]}");
        var breakGlassNotAdmin = space.api().send("PUT", "/api/v1/sso/settings",
                "{\"breakGlassAdmin\":\"" + member.id() + "\"}");
        var reuseInAdminSpace = new ApiClient(port, Admin.token(port, "sso:write")).send("PUT", "/api/v1/sso/settings",
                "{\"reuseAdminProvider\":true}");

        assertThat(unknownGroup.json().get("code").asString()).isEqualTo("sso.unknown_group");
        assertThat(allUsers.json().get("code").asString()).isEqualTo("sso.unknown_group");
        assertThat(breakGlassNotAdmin.json().get("code").asString()).isEqualTo("sso.break_glass_not_local_admin");
        assertThat(reuseInAdminSpace.json().get("code").asString()).isEqualTo("sso.reuse_in_admin_space");
        assertThat(space.api().get("/api/v1/sso/settings").json().get("roleMappings")).isEmpty();
    }

    @Test
    void aSpaceCopyingFromTheAdminSpaceGetsItsSsoConfiguration() {
        var admin = Admin.signedIn(port);
        var saml = admin.api("PUT", "/api/v1/sso/providers/saml", samlJson("Company IdP"));
        assertThat(saml.statusCode()).as(saml.body()).isEqualTo(200);
        var settings = admin.api("PUT", "/api/v1/sso/settings",
                "{\"jit\":\"suggested\",\"roleMappings\":[{\"idpValue\":\"devops\",\"group\":\"Editor\"}],\"sameNameMatching\":true}");
        assertThat(settings.statusCode()).as(settings.body()).isEqualTo(200);
        try {
            var created = admin.api("POST", "/api/v1/spaces", "{\"name\":\"" + TestSpaces.unique("SSO copy")
                    + "\",\"copyFromAdminSpace\":true}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String copy = ApiClient.parse(created.body()).get("id").asString();
            assertThat(admin.post("/switch-space", Map.of("space", copy)).statusCode()).isEqualTo(302);

            var providers = ApiClient.parse(admin.api("GET", "/api/v1/sso/providers", null).body());
            var copied = ApiClient.parse(admin.api("GET", "/api/v1/sso/settings", null).body());

            assertThat(providers).hasSize(1);
            assertThat(providers.get(0).get("displayName").asString()).isEqualTo("Company IdP");
            assertThat(providers.get(0).get("id").asString()).isNotEqualTo(ApiClient.parse(saml.body()).get("id").asString());
            assertThat(copied.get("jit").asString()).isEqualTo("suggested");
            assertThat(copied.get("sameNameMatching").asBoolean()).isTrue();
            assertThat(copied.get("roleMappings").get(0).get("group").asString()).isEqualTo("Editor");
            assertThat(jdbc.sql("""
                    select count(*) from audit_entries where space_id = ? and action in ('sso.provider_created', 'sso.settings_changed')""")
                    .param(UUID.fromString(copy)).query(Integer.class).single()).isEqualTo(2);
        } finally {
            var home = Admin.signedIn(port);
            home.api("DELETE", "/api/v1/sso/providers/saml", null);
            home.api("PUT", "/api/v1/sso/settings", "{\"jit\":\"off\",\"roleMappings\":[],\"sameNameMatching\":false}");
        }
    }

    @Test
    void requireSsoKeepsPasswordSessionsOutTheBreakGlassAdminsToo() {
        var strict = TestSpaces.create(port, "SSO required");
        var member = strict.enabledUser("member", "Viewer");
        var twoSpaces = strict.enabledUser("two-spaces", "Viewer");
        var elsewhere = space.api().post("/api/v1/users/invitations", "{\"email\":\"" + twoSpaces.email()
                + "\",\"groups\":[\"Viewer\"]}");
        assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(201);
        var accepted = twoSpaces.signIn(port);
        var invitation = ApiClient.parse(elsewhere.body()).get("link").asString();
        assertThat(accepted.post(invitation.substring(invitation.indexOf("/invitations/")) + "/accept", Map.of())
                .statusCode()).isEqualTo(302);
        var memberSession = member.signIn(port);
        assertThat(memberSession.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(200);
        var saml = strict.api().send("PUT", "/api/v1/sso/providers/saml", samlJson("Entra"));
        assertThat(saml.status()).as(saml.body()).isEqualTo(200);

        var required = strict.api().send("PUT", "/api/v1/sso/settings", "{\"requireSso\":true,\"breakGlassAdmin\":\""
                + strict.admin().id() + "\"}");

        assertThat(required.status()).as(required.body()).isEqualTo(200);
        assertThat(memberSession.api("GET", "/api/v1/me", null).statusCode()).as("a password session already there")
                .isEqualTo(401);
        assertThat(passwordSignIn(member.email())).contains("error=sso_required");
        assertThat(passwordSignIn(strict.admin().email())).as("the break-glass admin without a second factor")
                .contains("error=sso_required");
        var other = twoSpaces.signIn(port);
        var me = ApiClient.parse(other.api("GET", "/api/v1/me", null).body());
        assertThat(me.get("space").get("id").asString()).isEqualTo(space.id());
        assertThat(other.post("/switch-space", Map.of("space", strict.id())).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("""
                select count(*) from audit_entries where action = 'auth.sign_in' and outcome = 'DENIED'
                and actor_label = ? and after_state::jsonb ->> 'result' = 'sso_required'""")
                .param(member.email()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theConsolePageSavesRulesAsLinesAndIsForAdminsOnly() {
        var page = TestSpaces.create(port, "SSO console");
        var console = page.console();
        assertThat(console.get("/settings/sso").statusCode()).isEqualTo(200);

        var saved = console.post("/settings/sso/settings", Map.of("jit", "suggested",
                "rules", "devops -> Admin\n  support ->  viewer \n", "sameNameMatching", "true"));
        var shown = console.follow(saved);

        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(shown.body()).contains("The SSO settings are saved.").contains("devops -&gt; Admin");
        var settings = page.api().get("/api/v1/sso/settings").json();
        assertThat(settings.get("jit").asString()).isEqualTo("suggested");
        assertThat(settings.get("roleMappings").get(1).get("group").asString()).isEqualTo("Viewer");
        var bad = console.post("/settings/sso/settings", Map.of("jit", "off", "rules", "no arrow here"));
        assertThat(console.follow(bad).body()).contains("Line 1 is not");
        assertThat(page.api().get("/api/v1/sso/settings").json().get("jit").asString()).isEqualTo("suggested");
        var member = page.enabledUser("member", "Viewer").signIn(port);
        assertThat(member.get("/settings/sso").statusCode()).isEqualTo(403);
    }

    private String passwordSignIn(String email) {
        var browser = new ConsoleSession(port);
        return browser.signIn(email, TestSpaces.PASSWORD).headers().firstValue("Location").orElse("");
    }

    private static String samlJson(String name) {
        return "{\"displayName\":\"" + name + "\",\"idpEntityId\":\"https://idp.example.com/" + UUID.randomUUID()
                + "\",\"idpSsoUrl\":\"https://idp.example.com/sso\",\"idpCertificatesPem\":[\""
                + SsoSignInsTest.CERTIFICATE.replace("\n", "\\n") + "\"]}";
    }
}
