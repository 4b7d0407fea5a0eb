package dev.toolyard.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.onelogin.saml2.settings.Saml2Settings;
import com.onelogin.saml2.util.Util;

import dev.toolyard.shared.Caller;
import dev.toolyard.testing.ConsoleSession;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;

/**
 * SAML 2.0 sign-in end to end (T-ID2, T-ID3, T-ID4, T-AU1): responses written and signed by a test
 * identity provider with Apache Santuario ({@link TestIdentityProvider}), posted to the ACS of the
 * running Toolyard as a browser posts them, without a CSRF token. Every refusal lands on the sign-in
 * page with its reason and is audited; none starts a session.
 */
@ToolyardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamlSignInTest {

    private static final Pattern REQUEST_ID = Pattern.compile("ID=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    IdentityProviders providers;

    @Autowired
    SsoSettings settings;

    @Autowired
    JdbcClient jdbc;

    private TestSpace space;
    private TestIdentityProvider idp;

    @BeforeAll
    void configureTheSpacesProvider() {
        space = TestSpaces.create(port, "SAML");
        idp = TestIdentityProvider.trusted("https://idp.example.test/" + UUID.randomUUID());
        Caller admin = SsoSignInsTest.adminOf(space);
        providers.saveSaml(admin, new SamlProviderChange("Test IdP", true, idp.entityId(),
                "https://idp.example.test/sso?tenant=7", List.of(idp.certificatePem()), null, null,
                new ClaimNames("mail", "givenName", "sn", "memberOf", null)));
        settings.save(admin, new SsoSettingsChange(JitMode.ENABLED,
                List.of(new SsoSettingsChange.Rule("devops", "Editor")), false, false, null, null, null));
    }

    @Test
    void aValidResponseSignsInANewPersonWithTheirAttributesClaimsAndMappedGroups() {
        String email = TestSpaces.email("saml-jit");
        var browser = new ConsoleSession(port);

        var signedIn = postToAcs(browser, response(email).attribute("mail", email).attribute("givenName", "Grace")
                .attribute("sn", "Hopper").attribute("memberOf", "devops", "navy").encoded(), "/apps");

        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(location(signedIn)).isEqualTo("/apps");
        assertThat(browser.get("/apps").statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select first_name || ' ' || last_name from users where email = ?").param(email)
                .query(String.class).single()).isEqualTo("Grace Hopper");
        assertThat(groupsOf(email)).contains("Editor");
        String app = space.app("SAML claims", null);
        var bundle = browser.api("GET", "/api/v1/apps/" + app + "/runtime", null);
        assertThat(bundle.statusCode()).as(bundle.body()).isEqualTo(200);
        assertThat(bundle.body()).contains("\"memberOf\":[\"devops\",\"navy\"]").contains("\"nameId\":\"" + email + "\"")
                .contains("\"sessionIndex\"");
    }

    @Test
    void aResponseSignedByAnotherKeyIsRefused() {
        String email = TestSpaces.email("saml-forged");
        var forged = TestIdentityProvider.impostor(idp.entityId()).response(acsUrl(), entityId(), email, Instant.now())
                .attribute("mail", email).encoded();

        assertRefused(forged, "saml.invalid_signature");
        assertThat(jdbc.sql("select count(*) from users where email = ?").param(email).query(Long.class).single())
                .isZero();
    }

    @Test
    void anExpiredAssertionIsRefused() {
        String email = TestSpaces.email("saml-expired");
        assertRefused(response(email).attribute("mail", email)
                .issuedAt(Instant.now().minus(Duration.ofHours(1)), Duration.ofMinutes(5)).encoded(), "saml.expired");
    }

    @Test
    void anAssertionForAnotherServiceIsRefused() {
        String email = TestSpaces.email("saml-audience");
        assertRefused(response(email).attribute("mail", email).audience("https://other.example.test/sp").encoded(),
                "saml.wrong_audience");
    }

    @Test
    void anAssertionAddressedToAnotherSpaceIsRefused() {
        String email = TestSpaces.email("saml-elsewhere");
        String otherSpace = "http://localhost:" + port + "/sso/" + UUID.randomUUID() + "/saml/acs";
        assertRefused(response(email).attribute("mail", email).destination(otherSpace).encoded(),
                "saml.wrong_destination");
    }

    @Test
    void anAssertionFromAnotherIssuerIsRefused() {
        String email = TestSpaces.email("saml-issuer");
        assertRefused(response(email).attribute("mail", email).issuer("https://evil.example.test/").encoded(),
                "saml.wrong_issuer");
    }

    @Test
    void aReplayedAssertionIsRefused() {
        String email = TestSpaces.email("saml-replay");
        String once = response(email).attribute("mail", email).encoded();
        assertThat(location(postToAcs(new ConsoleSession(port), once, null))).isEqualTo("/");

        assertRefused(once, "saml.replayed");
    }

    @Test
    void anUnsignedAssertionIsRefusedEvenInsideASignedResponse() {
        String email = TestSpaces.email("saml-unsigned");
        assertRefused(response(email).attribute("mail", email).signAssertion(false).encoded(), "saml.unsigned");
        assertRefused(response(email).attribute("mail", email).signAssertion(false).signResponse(true).encoded(),
                "saml.unsigned");
    }

    @Test
    void aSignedResponseAroundASignedAssertionSignsIn() {
        String email = TestSpaces.email("saml-both");
        var browser = new ConsoleSession(port);
        postToAcs(browser, response(email).attribute("mail", email).signResponse(true).encoded(), null);
        assertThat(browser.get("/apps").statusCode()).isEqualTo(200);
    }

    @Test
    void aDisabledUserIsRefused() {
        var person = space.enabledUser("saml-disabled");
        assertThat(space.api().post("/api/v1/users/" + person.id() + "/disable", null).status()).isEqualTo(200);

        assertRefused(response(person.email()).attribute("mail", person.email()).encoded(), "sso.user_disabled");
    }

    @Test
    void theEmailFallsBackToTheNameId() {
        String email = TestSpaces.email("saml-nameid");
        var browser = new ConsoleSession(port);
        postToAcs(browser, response(email).encoded(), null);
        assertThat(browser.get("/apps").statusCode()).isEqualTo(200);
    }

    @Test
    void relayStateLeadsOnlyToAPathOfThisInstance() {
        String email = TestSpaces.email("saml-relay");
        var signedIn = postToAcs(new ConsoleSession(port), response(email).attribute("mail", email).encoded(),
                "https://evil.example.test/phish");
        assertThat(location(signedIn)).isEqualTo("/");
    }

    @Test
    void spInitiatedSignInAnswersTheRequestThisBrowserStarted() {
        var browser = new ConsoleSession(port);
        var login = browser.get("/sso/" + space.id() + "/saml/login?redirect=/apps");
        assertThat(login.statusCode()).isEqualTo(302);
        String toIdp = location(login);
        assertThat(toIdp).startsWith("https://idp.example.test/sso?tenant=7&SAMLRequest=");
        var query = query(toIdp);
        assertThat(query.get("RelayState")).isEqualTo("/apps");
        String authnRequest = Util.base64decodedInflated(query.get("SAMLRequest"));
        assertThat(authnRequest).contains("AssertionConsumerServiceURL=\"" + acsUrl() + "\"")
                .contains("<saml:Issuer>" + entityId() + "</saml:Issuer>");
        var matcher = REQUEST_ID.matcher(authnRequest);
        assertThat(matcher.find()).isTrue();
        String requestId = matcher.group(1);
        String email = TestSpaces.email("saml-sp");
        String answer = response(email).attribute("mail", email).inResponseTo(requestId).encoded();

        // The IdP's cross-site POST brings no SameSite=Lax cookie: Toolyard posts it again from its own page.
        var bounce = new ConsoleSession(port).postWithoutCsrf(acsPath(), Map.of("SAMLResponse", answer,
                "RelayState", "/apps"));
        assertThat(bounce.statusCode()).isEqualTo(200);
        assertThat(bounce.body()).contains("name=\"continued\"").contains("/js/saml-continue.js")
                .contains("action=\"" + acsPath() + "\"");
        assertThat(bounce.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");

        var signedIn = browser.postWithoutCsrf(acsPath(), Map.of("SAMLResponse", answer, "RelayState", "/apps",
                "continued", "1"));
        assertThat(location(signedIn)).isEqualTo("/apps");
        assertThat(browser.get("/apps").statusCode()).isEqualTo(200);
    }

    @Test
    void aResponseToARequestAnotherBrowserStartedIsRefused() {
        var victim = new ConsoleSession(port);
        String toIdp = location(victim.get("/sso/" + space.id() + "/saml/login"));
        var matcher = REQUEST_ID.matcher(Util.base64decodedInflated(query(toIdp).get("SAMLRequest")));
        assertThat(matcher.find()).isTrue();
        String email = TestSpaces.email("saml-csrf");

        var elsewhere = new ConsoleSession(port).postWithoutCsrf(acsPath(), Map.of("SAMLResponse",
                response(email).attribute("mail", email).inResponseTo(matcher.group(1)).encoded(), "continued", "1"));

        assertThat(location(elsewhere)).isEqualTo("/login");
    }

    @Test
    void theMetadataDescribesThisSpacesServiceProvider() throws Exception {
        var metadata = new ConsoleSession(port).get("/sso/" + space.id() + "/saml/metadata");

        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/samlmetadata+xml");
        assertThat(Saml2Settings.validateMetadata(metadata.body())).isEmpty();
        assertThat(metadata.body()).contains("entityID=\"" + entityId() + "\"")
                .contains("Location=\"" + acsUrl() + "\"").contains("WantAssertionsSigned=\"true\"")
                .contains("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST");
        assertThat(new ConsoleSession(port).get("/sso/" + UUID.randomUUID() + "/saml/metadata").statusCode())
                .isEqualTo(404);
    }

    @Test
    void theSignInPageOffersTheSpacesProviderAndTheSettingsShowWhatToRegisterAtIt() {
        var page = new ConsoleSession(port).get("/login");
        assertThat(page.body()).contains("href=\"/sso/" + space.id() + "/saml/login\"")
                .contains("Sign in with Test IdP (" + space.name() + ")");

        var provider = space.api().get("/api/v1/sso/providers/saml").json().get("serviceProvider");
        assertThat(provider.get("entityId").asString()).isEqualTo(entityId());
        assertThat(provider.get("acsUrl").asString()).isEqualTo(acsUrl());
        assertThat(provider.get("metadataUrl").asString()).isEqualTo(entityId());
        assertThat(space.console().get("/settings/sso").body()).contains(acsUrl()).contains(entityId());
    }

    @Test
    void aRefusalIsAuditedWithItsReasonAndWithoutTheAssertion() {
        String email = TestSpaces.email("saml-audit");
        var expired = response(email).attribute("mail", email)
                .issuedAt(Instant.now().minus(Duration.ofHours(2)), Duration.ofMinutes(1));
        assertRefused(expired.encoded(), "saml.expired");

        var entry = jdbc.sql("""
                select after_state from audit_entries where action = 'auth.sign_in' and after_state like ?
                order by id desc limit 1""").param("%saml.expired%").query(String.class).single();
        assertThat(entry).contains("\"method\":\"saml\"").contains(space.id())
                .doesNotContain(expired.assertionId()).doesNotContain("Signature");
    }

    private TestIdentityProvider.Response response(String nameId) {
        return idp.response(acsUrl(), entityId(), nameId, Instant.now());
    }

    private void assertRefused(String encoded, String reason) {
        var browser = new ConsoleSession(port);
        var refused = postToAcs(browser, encoded, "/apps");
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(location(refused)).isEqualTo("/login");
        assertThat(browser.follow(refused).body()).contains("(" + reason + ")");
        assertThat(browser.get("/apps").statusCode()).as("no session").isEqualTo(302);
        assertThat(jdbc.sql("select count(*) from audit_entries where action = 'auth.sign_in' and after_state like ?")
                .param("%" + reason + "%").query(Long.class).single()).isPositive();
    }

    private HttpResponse<String> postToAcs(ConsoleSession browser, String encoded, String relayState) {
        var form = new LinkedHashMap<String, String>();
        form.put("SAMLResponse", encoded);
        if (relayState != null) {
            form.put("RelayState", relayState);
        }
        return browser.postWithoutCsrf(acsPath(), form);
    }

    private List<String> groupsOf(String email) {
        return jdbc.sql("""
                select g.name from group_memberships m join permission_groups g on g.id = m.group_id
                join users u on u.id = m.user_id where g.space_id = ?::uuid and u.email = ? order by g.name""")
                .params(space.id(), email).query(String.class).list();
    }

    private String acsPath() {
        return "/sso/" + space.id() + "/saml/acs";
    }

    private String acsUrl() {
        return "http://localhost:" + port + acsPath();
    }

    private String entityId() {
        return "http://localhost:" + port + "/sso/" + space.id() + "/saml/metadata";
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                "not a redirect: " + response.statusCode() + " " + response.body()));
    }

    private static Map<String, String> query(String url) {
        var values = new LinkedHashMap<String, String>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            values.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
