package dev.toolyard.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

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
import dev.toolyard.testing.TestPostgres;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import tools.jackson.databind.JsonNode;

/**
 * OpenID Connect sign-in against a real OpenID provider running in the test (mock-oauth2-server):
 * the browser's round trip through Spring Security's OAuth2 client (state, PKCE, nonce, the ID
 * token's signature), JIT, role mapping, claims in current_user, refusals on the sign-in page, reuse
 * of the admin space's provider (T-SP6), and a child space's provider that cannot make an instance
 * admin.
 */
@ToolyardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class OidcSignInTest {

    private static final Pattern ACTION = Pattern.compile("href=\"([^\"]*/oauth2/authorization/[^\"]+)\"[^>]*>([^<]+)<");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final MockOAuth2Server idp = new MockOAuth2Server();
    private final HttpClient browserAtIdp = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private TestSpace space;

    @BeforeAll
    void start() {
        idp.start();
        space = TestSpaces.create(port, "OIDC");
        configure(space.api(), "Okta", "acme");
        var saved = space.api().send("PUT", "/api/v1/sso/settings", """
                {"jit":"enabled","roleMappings":[{"idpValue":"devops","group":"Admin"},{"idpValue":"support","group":"Viewer"}]}""");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    /**
     * T-CU5 with T-CU1: an app query that binds a claim takes it from the session, never from the
     * browser, which is refused when it sends one (a console page first, whose CSRF token the runtime's
     * requests carry). Returns the run's rows.
     */
    private String claimRunByServer(ConsoleSession browser, String app) {
        String resource = space.resource("Claims data", null);
        space.configureProduction(resource, TestPostgres.createDatabase());
        var created = space.api().post("/api/v1/apps/" + app + "/queries", "{\"name\":\"department\",\"resourceId\":\""
                + resource + "\",\"fields\":[{\"name\":\"sql\",\"template\":"
                + "\"select {{ current_user.claims.department }}::text as department\"}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String run = "/api/v1/apps/" + app + "/queries/" + created.json().get("id").asString() + "/run";
        browser.get("/apps");

        var spoofed = browser.api("POST", run, "{\"values\":{\"current_user.claims.department\":\"Finance\"}}");
        assertThat(spoofed.statusCode()).as(spoofed.body()).isEqualTo(403);
        assertThat(ApiClient.parse(spoofed.body()).get("code").asString()).isEqualTo("query.current_user_spoofing");
        var ran = browser.api("POST", run, "{}");
        assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
        return ApiClient.parse(ran.body()).get("rows").toString();
    }

    @AfterAll
    void stop() {
        idp.shutdown();
    }

    @Test
    void aNewPersonSignsInThroughTheProviderAndAppsSeeTheirClaims() {
        String email = TestSpaces.email("oidc");
        var browser = new ConsoleSession(port);

        var landed = signIn(browser, "Okta", space.name(), "acme", "sub-" + email, Map.of("email", email,
                "email_verified", true, "given_name", "Grace", "family_name", "Hopper", "groups", List.of("support"),
                "department", "Navy"));

        assertThat(location(landed)).isEqualTo("/");
        var me = ApiClient.parse(browser.api("GET", "/api/v1/me", null).body());
        assertThat(me.get("email").asString()).isEqualTo(email);
        assertThat(me.get("firstName").asString()).isEqualTo("Grace");
        assertThat(me.get("space").get("id").asString()).isEqualTo(space.id());
        String app = space.app("Claims", null);
        var bundle = browser.api("GET", "/api/v1/apps/" + app + "/runtime", null);
        assertThat(bundle.statusCode()).as(bundle.body()).isEqualTo(200);
        var currentUser = ApiClient.parse(bundle.body()).get("currentUser");
        assertThat(currentUser.get("claims").get("department").asString()).isEqualTo("Navy");
        assertThat(currentUser.get("claims").get("sub").asString()).isEqualTo("sub-" + email);
        assertThat(names(currentUser.get("groups"))).contains("Viewer");
        assertThat(claimRunByServer(browser, app)).contains("[\"Navy\"]");
        assertThat(jdbc.sql("""
                select count(*) from audit_entries where action = 'auth.sign_in' and actor_label = ?
                and outcome = 'SUCCESS' and after_state::jsonb ->> 'method' = 'oidc'""")
                .param(email).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void roleMappingFollowsTheProvidersGroupsAtEverySignInButNeverTakesAdminFromTheBreakGlassAdmin() {
        var mapped = TestSpaces.create(port, "OIDC mapping");
        configure(mapped.api(), "Entra", "entra");
        var saved = mapped.api().send("PUT", "/api/v1/sso/settings", "{\"jit\":\"enabled\",\"removeUnmapped\":true,"
                + "\"breakGlassAdmin\":\"" + mapped.admin().id() + "\",\"roleMappings\":["
                + "{\"idpValue\":\"devops\",\"group\":\"Editor\"},{\"idpValue\":\"support\",\"group\":\"Viewer\"}]}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        String email = TestSpaces.email("mapped");

        signIn(new ConsoleSession(port), "Entra", mapped.name(), "entra", "sub-mapped",
                Map.of("email", email, "groups", List.of("devops")));
        assertThat(groupsOf(mapped, email)).containsExactly("Editor");

        signIn(new ConsoleSession(port), "Entra", mapped.name(), "entra", "sub-mapped",
                Map.of("email", email, "groups", List.of("support")));
        assertThat(groupsOf(mapped, email)).containsExactly("Viewer");

        var breakGlass = signIn(new ConsoleSession(port), "Entra", mapped.name(), "entra", "sub-break-glass",
                Map.of("email", mapped.admin().email(), "groups", List.of()));
        assertThat(location(breakGlass)).isEqualTo("/");
        assertThat(groupsOf(mapped, mapped.admin().email())).contains("Admin");
    }

    private List<String> groupsOf(TestSpace in, String email) {
        return jdbc.sql("""
                select g.name from group_memberships m join permission_groups g on g.id = m.group_id
                join users u on u.id = m.user_id where g.space_id = ? and lower(u.email) = lower(?) order by g.name""")
                .params(UUID.fromString(in.id()), email).query(String.class).list();
    }

    @Test
    void aDisabledUserIsRefusedWithTheReasonOnTheSignInPage() {
        var person = space.enabledUser("disabled", "Viewer");
        var disabled = space.api().post("/api/v1/users/" + person.id() + "/disable", "{}");
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        var browser = new ConsoleSession(port);

        var refused = signIn(browser, "Okta", space.name(), "acme", "sub-disabled",
                Map.of("email", person.email()));

        assertThat(location(refused)).isEqualTo("/login");
        assertThat(browser.follow(refused).body()).contains("is disabled");
        assertThat(browser.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
    }

    @Test
    void anUnverifiedEmailIsNotTrusted() {
        var browser = new ConsoleSession(port);

        var refused = signIn(browser, "Okta", space.name(), "acme", "sub-unverified",
                Map.of("email", TestSpaces.email("unverified"), "email_verified", false));

        assertThat(location(refused)).isEqualTo("/login");
        assertThat(browser.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aChildSpacesProviderCannotSignSomeoneIntoAnotherSpaceNorMakeAnInstanceAdmin() {
        var child = TestSpaces.create(port, "OIDC rogue");
        configure(child.api(), "Rogue", "rogue");
        var jit = child.api().send("PUT", "/api/v1/sso/settings", "{\"jit\":\"enabled\"}");
        assertThat(jit.status()).as(jit.body()).isEqualTo(200);
        var browser = new ConsoleSession(port);

        var landed = signIn(browser, "Rogue", child.name(), "rogue", "sub-admin",
                Map.of("email", ToolyardTest.ADMIN_EMAIL));

        assertThat(location(landed)).isEqualTo("/");
        var me = ApiClient.parse(browser.api("GET", "/api/v1/me", null).body());
        assertThat(me.get("instanceAdmin").asBoolean()).isFalse();
        assertThat(me.get("space").get("id").asString()).isEqualTo(child.id());
        var spaces = browser.api("GET", "/api/v1/spaces", null);
        assertThat(spaces.body()).doesNotContain(space.id());
    }

    @Test
    void aSpaceReusingTheAdminSpacesProviderSignsPeopleInThroughIt() {
        // A session of its own: it starts in the admin space, where the provider to reuse belongs.
        var instanceAdmin = Admin.signedIn(port);
        var saved = instanceAdmin.api("PUT", "/api/v1/sso/providers/oidc", oidcJson("Company", "company"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        try {
            var child = TestSpaces.create(port, "OIDC reuse");
            var person = child.enabledUser("reuser", "Viewer");
            var reuse = child.api().send("PUT", "/api/v1/sso/settings", "{\"reuseAdminProvider\":true}");
            assertThat(reuse.status()).as(reuse.body()).isEqualTo(200);
            var browser = new ConsoleSession(port);

            var landed = signIn(browser, "Company", child.name(), "company", "sub-reuser",
                    Map.of("email", person.email()));

            assertThat(location(landed)).isEqualTo("/");
            var me = ApiClient.parse(browser.api("GET", "/api/v1/me", null).body());
            assertThat(me.get("id").asString()).isEqualTo(person.id());
            assertThat(me.get("space").get("id").asString()).isEqualTo(child.id());
        } finally {
            instanceAdmin.api("DELETE", "/api/v1/sso/providers/oidc", null);
        }
    }

    /** Clicks the sign-in page's button, lets the provider answer, and returns Toolyard's answer to the callback. */
    private HttpResponse<String> signIn(ConsoleSession browser, String provider, String spaceName, String issuerId,
            String subject, Map<String, Object> claims) {
        var login = browser.get("/login");
        String start = null;
        var matcher = ACTION.matcher(login.body());
        while (matcher.find()) {
            if (matcher.group(2).equals("Sign in with " + provider + " (" + spaceName + ")")) {
                start = matcher.group(1);
            }
        }
        assertThat(start).as("a button for %s (%s) in %s", provider, spaceName, login.body()).isNotNull();
        var toIdp = browser.get(start);
        assertThat(toIdp.statusCode()).as(toIdp.body()).isEqualTo(302);
        String authorization = toIdp.headers().firstValue("Location").orElseThrow();
        assertThat(authorization).contains("code_challenge=").contains("nonce=").contains("state=");
        String clientId = query(authorization, "client_id");
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", List.of(clientId), claims, 3600));
        var answer = send(authorization);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        String callback = answer.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith("http://localhost:" + port + "/login/oauth2/code/");
        return browser.get(callback.substring(("http://localhost:" + port).length()));
    }

    private String location(HttpResponse<String> redirect) {
        return redirect.headers().firstValue("Location").orElseThrow().replace("http://localhost:" + port, "");
    }

    private HttpResponse<String> send(String url) {
        try {
            return browserAtIdp.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("the provider did not answer " + url, e);
        }
    }

    private void configure(ApiClient admin, String name, String issuerId) {
        var saved = admin.send("PUT", "/api/v1/sso/providers/oidc", oidcJson(name, issuerId));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    private String oidcJson(String name, String issuerId) {
        return "{\"displayName\":\"" + name + "\",\"issuer\":\"" + idp.issuerUrl(issuerId) + "\",\"clientId\":\""
                + issuerId + "-client-" + UUID.randomUUID() + "\",\"clientSecret\":\"s3cret-" + issuerId + "\"}";
    }

    private static String query(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts[0].equals(name)) {
                return URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + url);
    }

    private static List<String> names(JsonNode groups) {
        return java.util.stream.StreamSupport.stream(groups.spliterator(), false)
                .map(group -> group.get("name").asString()).toList();
    }
}
