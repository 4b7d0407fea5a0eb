package dev.toolyard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.ConsoleSession;
import dev.toolyard.testing.TestClock;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;

/**
 * T-ID2 with T-ID1: in a space that requires SSO, its break-glass admin still gets in after a
 * password and a TOTP code — and only they: another member with two-factor on is refused after
 * both steps, as the break-glass admin is after the password alone.
 */
@ToolyardTest
class BreakGlassSignInTest {

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Test
    void theBreakGlassAdminEntersASpaceRequiringSsoWithPasswordAndTotpAndNoOneElseDoes() {
        // Every request comes from 127.0.0.1: start after earlier tests' failed sign-ins aged out.
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        var space = TestSpaces.create(port, "Break glass");
        var member = space.enabledUser("member", "Viewer");
        String adminSecret = enrol(space.console());
        String memberSecret = enrol(member.signIn(port));
        var saml = space.api().send("PUT", "/api/v1/sso/providers/saml", "{\"displayName\":\"Entra\","
                + "\"idpEntityId\":\"https://idp.example.com/" + UUID.randomUUID() + "\",\"idpSsoUrl\":"
                + "\"https://idp.example.com/sso\",\"idpCertificatesPem\":[\"" + certificate().replace("\n", "\\n")
                + "\"]}");
        assertThat(saml.status()).as(saml.body()).isEqualTo(200);
        var required = space.api().send("PUT", "/api/v1/sso/settings", "{\"requireSso\":true,\"breakGlassAdmin\":\""
                + space.admin().id() + "\"}");
        assertThat(required.status()).as(required.body()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));

        var breakGlass = secondStep(space.admin().email(), adminSecret);
        var memberAttempt = secondStep(member.email(), memberSecret);

        assertThat(breakGlass.response().headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("/login"));
        breakGlass.browser().get("/");
        var me = breakGlass.browser().api("GET", "/api/v1/me", null);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(ApiClient.parse(me.body()).get("space").get("id").asString()).isEqualTo(space.id());
        assertThat(memberAttempt.response().headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login?error=sso_required"));
        assertThat(memberAttempt.browser().api("GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
    }

    private record Attempt(ConsoleSession browser, HttpResponse<String> response) {
    }

    private Attempt secondStep(String email, String secret) {
        var browser = new ConsoleSession(port);
        browser.signIn(email, TestSpaces.PASSWORD);
        assertThat(browser.get("/login/two-factor").statusCode()).isEqualTo(200);
        return new Attempt(browser, browser.post("/login/two-factor", Map.of("code", code(secret))));
    }

    private String enrol(ConsoleSession session) {
        session.get("/");
        var started = session.api("POST", "/api/v1/me/two-factor/enrolment", null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String secret = ApiClient.parse(started.body()).get("secret").asString();
        var confirmed = session.api("POST", "/api/v1/me/two-factor/enrolment/confirm",
                "{\"code\":\"" + code(secret) + "\"}");
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        return secret;
    }

    private String code(String secret) {
        return Totp.code(Base32.decode(secret), Totp.stepAt(clock.instant()), Totp.DIGITS);
    }

    private static String certificate() {
        try (var in = BreakGlassSignInTest.class.getResourceAsStream("/sso/idp-certificate.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
