package dev.toolyard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import dev.toolyard.testing.Admin;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.ConsoleSession;
import dev.toolyard.testing.TestClock;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.TestUsers;
import dev.toolyard.testing.ToolyardTest;
import tools.jackson.databind.JsonNode;

/**
 * T-ID1, T-AU1, T-SEC3: TOTP two-factor for local accounts — enrolment with a QR code, the second
 * step of a sign-in, replay, recovery codes, limits, the pending state, an admin's reset and a
 * space that requires two-factor. Time is the test clock's; codes are computed from it.
 */
@ToolyardTest
class TwoFactorTest {

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    private ApiClient admin;

    @BeforeEach
    void freshWindow() {
        // Every request here comes from 127.0.0.1: start each test after the previous ones' failures aged out.
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        admin = new ApiClient(port, Admin.token(port, "users:read", "users:write"));
    }

    @Test
    void enrolmentShowsAQrCodeOfTheOtpauthUriAndAFirstCodeTurnsItOnWithTenRecoveryCodes() throws Exception {
        var person = TestUsers.enabledUser("enrol").create(port, admin);
        var session = person.signIn();

        var started = json(session.api("POST", "/api/v1/me/two-factor/enrolment", null), 201);
        String secret = started.get("secret").asString();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(started.get("otpauthUri").asString()).isEqualTo("otpauth://totp/Toolyard%3A"
                + person.email().replace("@", "%40") + "?secret=" + secret + "&issuer=Toolyard");
        assertThat(decodeQr(started.get("qrCode").asString())).isEqualTo(started.get("otpauthUri").asString());
        assertThat(json(session.api("GET", "/api/v1/me/two-factor", null), 200).get("enabled").asBoolean()).isFalse();

        var wrong = session.api("POST", "/api/v1/me/two-factor/enrolment/confirm", codeJson(otherThan(code(secret))));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(ApiClient.parse(wrong.body()).get("code").asString()).isEqualTo("two_factor.wrong_code");

        var confirmed = json(session.api("POST", "/api/v1/me/two-factor/enrolment/confirm", codeJson(code(secret))), 200);
        var recoveryCodes = confirmed.get("recoveryCodes");
        assertThat(recoveryCodes).hasSize(10);
        assertThat(recoveryCodes.get(0).asString()).matches("[a-z2-7]{5}-[a-z2-7]{5}");
        var status = json(session.api("GET", "/api/v1/me/two-factor", null), 200);
        assertThat(status.get("enabled").asBoolean()).isTrue();
        assertThat(status.get("recoveryCodesLeft").asInt()).isEqualTo(10);
        assertThat(json(session.api("POST", "/api/v1/me/two-factor/enrolment", null), 409).get("code").asString())
                .isEqualTo("two_factor.already_enabled");
        assertThat(actions(person.email())).contains("user.two_factor_enrolment_started", "user.two_factor_enabled");
    }

    @Test
    void theConsolePageShowsTheQrCodeAndTheKeyToTypeIn() {
        var person = TestUsers.enabledUser("page").create(port, admin);
        var session = person.signIn();
        assertThat(session.get("/settings/two-factor").body()).contains("Set up two-factor");

        var started = session.post("/settings/two-factor/start", Map.of());

        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(started.body()).contains("src=\"data:image/png;base64,").contains("Key for typing in");
    }

    @Test
    void aPasswordThenACodeSignsInWithBothFactorsAndThePendingStateReachesNothing() {
        var person = TestUsers.enabledUser("second").create(port, admin);
        String secret = enrol(person.signIn());
        nextStep();

        var browser = new ConsoleSession(port);
        var password = browser.signIn(person.email(), TestUsers.PASSWORD);
        assertThat(password.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login/two-factor"));
        assertThat(browser.get("/login/two-factor").statusCode()).isEqualTo(200);
        for (String page : List.of("/", "/apps", "/settings/two-factor", "/settings/password", "/users")) {
            assertThat(browser.get(page).headers().firstValue("Location")).as(page)
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
        }
        for (String api : List.of("/api/v1/me", "/api/v1/me/two-factor", "/api/v1/apps")) {
            assertThat(browser.api("GET", api, null).statusCode()).as(api).isEqualTo(401);
        }
        assertThat(outcomes(person.email(), "second_factor_required")).containsExactly("SUCCESS");

        var signedIn = browser.post("/login/two-factor", Map.of("code", code(secret)));

        // Then where the person was heading, as after a password sign-in: the last page asked for.
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/users?continue"));
        assertThat(browser.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(200);
        assertThat(auditAfter(person.email())).anySatisfy(entry ->
                assertThat(entry).contains("\"method\":\"password_and_totp\"").contains("\"result\":\"success\""));
    }

    @Test
    void aSignInAfterThePendingStateExpiredStartsOver() {
        var person = TestUsers.enabledUser("slow").create(port, admin);
        String secret = enrol(person.signIn());
        nextStep();
        var browser = pending(person.email(), TestUsers.PASSWORD);

        clock.advance(TwoFactorSignIn.PENDING_VALIDITY.plusSeconds(1));
        var late = browser.post("/login/two-factor", Map.of("code", code(secret)));

        assertThat(late.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login?error=expired"));
        assertThat(browser.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
        assertThat(browser.get("/login/two-factor").headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login"));
    }

    @Test
    void aWrongCodeIsRefusedAuditedAndThrottledLikeAPassword() {
        var person = TestUsers.enabledUser("guess").create(port, admin);
        String secret = enrol(person.signIn());
        nextStep();
        var browser = pending(person.email(), TestUsers.PASSWORD);
        String wrong = otherThan(code(secret));

        for (int i = 0; i < 5; i++) {
            var refused = browser.post("/login/two-factor", Map.of("code", wrong));
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("That code is wrong");
        }
        var limited = browser.post("/login/two-factor", Map.of("code", code(secret)));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(browser.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
        assertThat(outcomes(person.email(), "wrong_code")).hasSize(5).containsOnly("FAILURE");
        assertThat(outcomes(person.email(), "rate_limited")).containsExactly("DENIED");
        // The limit holds for the password step too, even with the right password.
        assertThat(new ConsoleSession(port).signIn(person.email(), TestUsers.PASSWORD).headers()
                .firstValue("Location")).hasValueSatisfying(location -> assertThat(location).contains("error=throttled"));
    }

    @Test
    void aCodeIsAcceptedOnlyOnce() {
        var person = TestUsers.enabledUser("replay").create(port, admin);
        String secret = enrol(person.signIn());
        nextStep();
        String used = code(secret);
        signInWith(person, used);

        var again = pending(person.email(), TestUsers.PASSWORD);
        var replayed = again.post("/login/two-factor", Map.of("code", used));

        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(again.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
        assertThat(outcomes(person.email(), "replayed_code")).containsExactly("FAILURE");
        nextStep();
        assertThat(again.post("/login/two-factor", Map.of("code", code(secret))).statusCode()).isEqualTo(302);
    }

    @Test
    void aRecoveryCodeSignsInOnceAndNewOnesReplaceTheOld() {
        var person = TestUsers.enabledUser("recover").create(port, admin);
        var session = person.signIn();
        var started = json(session.api("POST", "/api/v1/me/two-factor/enrolment", null), 201);
        String secret = started.get("secret").asString();
        var codes = json(session.api("POST", "/api/v1/me/two-factor/enrolment/confirm", codeJson(code(secret))), 200)
                .get("recoveryCodes");
        String recovery = codes.get(3).asString();

        var first = pending(person.email(), TestUsers.PASSWORD);
        assertThat(first.post("/login/two-factor", Map.of("code", recovery.toUpperCase())).statusCode()).isEqualTo(302);
        first.get("/");
        assertThat(first.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(200);
        assertThat(json(first.api("GET", "/api/v1/me/two-factor", null), 200).get("recoveryCodesLeft").asInt())
                .isEqualTo(9);

        var second = pending(person.email(), TestUsers.PASSWORD);
        assertThat(second.post("/login/two-factor", Map.of("code", recovery)).statusCode()).isEqualTo(401);

        nextStep();
        var fresh = json(first.api("POST", "/api/v1/me/two-factor/recovery-codes", codeJson(code(secret))), 200)
                .get("recoveryCodes");
        assertThat(fresh).hasSize(10);
        assertThat(second.post("/login/two-factor", Map.of("code", codes.get(4).asString())).statusCode())
                .isEqualTo(401);
        assertThat(second.post("/login/two-factor", Map.of("code", fresh.get(0).asString())).statusCode())
                .isEqualTo(302);
    }

    @Test
    void turningTwoFactorOffTakesThePasswordOrACurrentCode() {
        var person = TestUsers.enabledUser("off").create(port, admin);
        var session = person.signIn();
        String secret = enrol(session);

        var wrong = session.api("DELETE", "/api/v1/me/two-factor", "{\"password\":\"not the password at all\"}");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(ApiClient.parse(wrong.body()).get("code").asString()).isEqualTo("two_factor.wrong_password");
        assertThat(json(session.api("GET", "/api/v1/me/two-factor", null), 200).get("enabled").asBoolean()).isTrue();

        var off = session.api("DELETE", "/api/v1/me/two-factor", "{\"password\":\"" + TestUsers.PASSWORD + "\"}");
        assertThat(off.statusCode()).as(off.body()).isEqualTo(204);
        assertThat(json(session.api("GET", "/api/v1/me/two-factor", null), 200).get("enabled").asBoolean()).isFalse();
        assertThat(person.signIn().api("GET", "/api/v1/me", null).statusCode()).isEqualTo(200);

        secret = enrol(session);
        nextStep();
        var byCode = session.api("DELETE", "/api/v1/me/two-factor", "{\"code\":\"" + code(secret) + "\"}");
        assertThat(byCode.statusCode()).as(byCode.body()).isEqualTo(204);
        assertThat(actions(person.email())).contains("user.two_factor_disabled");
    }

    @Test
    void theOpenApiDocumentListsTheTwoFactorEndpoints() {
        var document = admin.get("/api/v1/openapi.json");

        assertThat(document.json().get("paths").propertyNames()).contains("/api/v1/me/two-factor",
                "/api/v1/me/two-factor/enrolment", "/api/v1/me/two-factor/enrolment/confirm",
                "/api/v1/me/two-factor/recovery-codes", "/api/v1/space-settings/two-factor",
                "/api/v1/users/{id}/two-factor");
        assertThat(document.body()).doesNotContain("\"authentication\"");
    }

    @Test
    void anAccessTokenCannotChangeItsOwnersTwoFactor() {
        var token = new ApiClient(port, Admin.token(port, "users:read", "users:write", "tokens:read"));

        var refused = token.post("/api/v1/me/two-factor/enrolment", null);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asString()).isEqualTo("two_factor.session_required");
        assertThat(token.get("/api/v1/me/two-factor").status()).isEqualTo(403);
    }

    @Test
    void anAdminResetTurnsTwoFactorOffAndEndsTheUsersSessions() {
        TestSpace space = TestSpaces.create(port, "Reset");
        var person = space.enabledUser("lost", "Viewer");
        var session = person.signIn(port);
        String secret = enrol(session);
        nextStep();
        var signedIn = pending(person.email(), TestSpaces.PASSWORD);
        assertThat(signedIn.post("/login/two-factor", Map.of("code", code(secret))).statusCode()).isEqualTo(302);
        assertThat(space.api().get("/api/v1/users/" + person.id()).json().get("twoFactorEnabled").asBoolean()).isTrue();
        var viewer = space.enabledUser("viewer", "Viewer").token(port, "users:read", "users:write");
        assertThat(viewer.delete("/api/v1/users/" + person.id() + "/two-factor").status()).isEqualTo(403);
        var otherSpace = TestSpaces.create(port, "Elsewhere");
        assertThat(otherSpace.api().delete("/api/v1/users/" + person.id() + "/two-factor").status()).isEqualTo(404);

        var reset = space.api().delete("/api/v1/users/" + person.id() + "/two-factor");

        assertThat(reset.status()).as(reset.body()).isEqualTo(204);
        assertThat(signedIn.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
        assertThat(session.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
        assertThat(space.api().get("/api/v1/users/" + person.id()).json().get("twoFactorEnabled").asBoolean()).isFalse();
        assertThat(person.signIn(port).api("GET", "/api/v1/me", null).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from audit_entries where action = 'user.two_factor_reset' and target_id = ?")
                .param(person.id()).query(Long.class).single()).isEqualTo(1);
        assertThat(space.api().delete("/api/v1/users/" + person.id() + "/two-factor").status()).isEqualTo(409);
    }

    @Test
    void theConsoleUserPageShowsTwoFactorAndResetsIt() {
        TestSpace space = TestSpaces.create(port, "Reset page");
        var person = space.enabledUser("shown", "Viewer");
        enrol(person.signIn(port));
        var adminConsole = space.console();

        assertThat(adminConsole.get("/users/" + person.id()).body()).contains("Reset two-factor");
        var reset = adminConsole.post("/users/" + person.id() + "/reset-two-factor", Map.of());

        assertThat(reset.statusCode()).isEqualTo(302);
        var page = adminConsole.follow(reset).body();
        assertThat(page).contains("Two-factor sign-in reset").doesNotContain(">Reset two-factor<");
    }

    @Test
    void aSpaceThatRequiresTwoFactorHoldsPasswordSignInsAtTheEnrolmentUntilDone() {
        TestSpace space = TestSpaces.create(port, "Strict");
        var person = space.enabledUser("strict", "Viewer");
        var required = space.api().send("PUT", "/api/v1/space-settings/two-factor", "{\"required\":true}");
        assertThat(required.status()).as(required.body()).isEqualTo(200);
        assertThat(space.api().get("/api/v1/space-settings/two-factor").json().get("required").asBoolean()).isTrue();

        var browser = new ConsoleSession(port);
        var signIn = browser.signIn(person.email(), TestSpaces.PASSWORD);
        assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/settings/two-factor"));
        assertThat(browser.get("/settings/two-factor").body()).contains("requires two-factor sign-in");
        for (String page : List.of("/", "/apps", "/settings/password", "/settings/tokens")) {
            assertThat(browser.get(page).headers().firstValue("Location")).as(page)
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/settings/two-factor"));
        }
        var held = browser.api("GET", "/api/v1/me", null);
        assertThat(held.statusCode()).isEqualTo(403);
        assertThat(ApiClient.parse(held.body()).get("code").asString()).isEqualTo("auth.two_factor_enrolment_required");
        assertThat(browser.api("POST", "/api/v1/tokens", "{\"name\":\"sneaky\",\"scopes\":[\"apps:read\"]}")
                .statusCode()).isEqualTo(403);

        browser.get("/settings/two-factor");
        String secret = json(browser.api("POST", "/api/v1/me/two-factor/enrolment", null), 201).get("secret").asString();
        json(browser.api("POST", "/api/v1/me/two-factor/enrolment/confirm", codeJson(code(secret))), 200);

        var me = json(browser.api("GET", "/api/v1/me", null), 200);
        assertThat(me.get("space").get("id").asString()).isEqualTo(space.id());
        assertThat(browser.get("/apps").statusCode()).isEqualTo(200);
        var stays = browser.api("DELETE", "/api/v1/me/two-factor", "{\"password\":\"" + TestSpaces.PASSWORD + "\"}");
        assertThat(stays.statusCode()).isEqualTo(409);
        assertThat(ApiClient.parse(stays.body()).get("code").asString()).isEqualTo("two_factor.required");
        assertThat(jdbc.sql("select count(*) from audit_entries where action = 'space.two_factor_requirement_changed'"
                + " and space_id = ?::uuid").param(space.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aPasswordOnlySessionCannotEnterASpaceThatStartsRequiringTwoFactor() {
        TestSpace space = TestSpaces.create(port, "Tightened");
        var passwordOnly = space.enabledUser("plain", "Viewer");
        var withCode = space.enabledUser("coded", "Viewer");
        String secret = enrol(withCode.signIn(port));
        nextStep();
        var plain = passwordOnly.signIn(port);
        var coded = pending(withCode.email(), TestSpaces.PASSWORD);
        coded.post("/login/two-factor", Map.of("code", code(secret)));
        assertThat(plain.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(200);

        space.api().send("PUT", "/api/v1/space-settings/two-factor", "{\"required\":true}");

        assertThat(plain.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
        assertThat(plain.api("GET", "/api/v1/apps", null).statusCode()).isEqualTo(403);
        assertThat(json(coded.api("GET", "/api/v1/me", null), 200).get("space").get("id").asString())
                .isEqualTo(space.id());
        space.api().send("PUT", "/api/v1/space-settings/two-factor", "{\"required\":false}");
        assertThat(plain.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(200);
    }

    @Test
    void onlySpaceAdminsChangeTheRequirementAndBadInputChangesNothing() {
        TestSpace space = TestSpaces.create(port, "Setting");
        var viewer = space.enabledUser("viewer", "Viewer").token(port, "users:read", "users:write");

        assertThat(viewer.send("PUT", "/api/v1/space-settings/two-factor", "{\"required\":true}").status())
                .isEqualTo(403);
        assertThat(space.api().send("PUT", "/api/v1/space-settings/two-factor", "{}").status()).isEqualTo(400);
        assertThat(space.api().get("/api/v1/space-settings/two-factor").json().get("required").asBoolean()).isFalse();
    }

    @Test
    void aSpaceAdminWhoRequiresTwoFactorOnTheUsersPageIsLedToSetItUpFirst() {
        TestSpace space = TestSpaces.create(port, "Console setting");
        var console = space.console();
        console.get("/users");

        var on = console.post("/users/two-factor-requirement", Map.of("required", "true"));

        assertThat(on.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/settings/two-factor"));
        assertThat(space.api().get("/api/v1/space-settings/two-factor").json().get("required").asBoolean()).isTrue();
        assertThat(console.get("/users").headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/settings/two-factor"));
        console.get("/settings/two-factor");
        enrol(console);
        console.get("/users");
        var off = console.post("/users/two-factor-requirement", Map.of());
        assertThat(console.follow(off).body()).contains("Two-factor is no longer required here");
        assertThat(space.api().get("/api/v1/space-settings/two-factor").json().get("required").asBoolean()).isFalse();
    }

    @Test
    void aPasswordSessionHeldBecauseItsSpaceStartedRequiringTwoFactorIsFreedWhenTheRequirementEnds() {
        TestSpace space = TestSpaces.create(port, "Relaxed");
        var person = space.enabledUser("held", "Viewer");
        var browser = person.signIn(port);

        space.api().send("PUT", "/api/v1/space-settings/two-factor", "{\"required\":true}");
        browser.api("GET", "/api/v1/me", null);
        var held = browser.api("GET", "/api/v1/apps", null);
        assertThat(held.statusCode()).isEqualTo(403);
        assertThat(ApiClient.parse(held.body()).get("code").asString()).isEqualTo("auth.two_factor_enrolment_required");

        space.api().send("PUT", "/api/v1/space-settings/two-factor", "{\"required\":false}");
        assertThat(browser.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(200);
    }

    @Test
    void auditEntriesCarryNeitherTheSecretNorAnyCode() {
        var person = TestUsers.enabledUser("quiet").create(port, admin);
        var session = person.signIn();
        String secret = json(session.api("POST", "/api/v1/me/two-factor/enrolment", null), 201).get("secret").asString();
        String first = code(secret);
        var recovery = json(session.api("POST", "/api/v1/me/two-factor/enrolment/confirm", codeJson(first)), 200)
                .get("recoveryCodes");
        nextStep();
        String second = code(secret);
        signInWith(person, second);
        var browser = pending(person.email(), TestUsers.PASSWORD);
        browser.post("/login/two-factor", Map.of("code", recovery.get(0).asString()));

        var secrets = new ArrayList<>(List.of(secret, secret.toLowerCase(), first, second));
        recovery.forEach(code -> secrets.add(code.asString()));
        String audit = String.join("\n", auditAfter(person.email()));
        assertThat(audit).contains("password_and_recovery_code");
        assertThat(secrets).allSatisfy(value -> assertThat(audit).doesNotContain(value));
        assertThat(jdbc.sql("select secret from two_factor_enrolments e join users u on u.id = e.user_id where u.email = ?")
                .param(person.email()).query(String.class).single()).startsWith("v1:").doesNotContain(secret);
    }

    /** Starts and confirms an enrolment in the session; returns the secret. */
    private String enrol(ConsoleSession session) {
        String secret = json(session.api("POST", "/api/v1/me/two-factor/enrolment", null), 201).get("secret").asString();
        json(session.api("POST", "/api/v1/me/two-factor/enrolment/confirm", codeJson(code(secret))), 200);
        return secret;
    }

    /** A browser past the password step, on the code page. */
    private ConsoleSession pending(String email, String password) {
        var browser = new ConsoleSession(port);
        browser.signIn(email, password);
        assertThat(browser.get("/login/two-factor").statusCode()).isEqualTo(200);
        return browser;
    }

    private ConsoleSession signInWith(TestUsers.Person person, String code) {
        var browser = pending(person.email(), TestUsers.PASSWORD);
        var done = browser.post("/login/two-factor", Map.of("code", code));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        // The CSRF token changes at sign-in: pick up the new one as a browser would.
        browser.get("/");
        return browser;
    }

    /** The next 30-second step: a code of the step just used would be refused as a replay. */
    private void nextStep() {
        clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
    }

    private String code(String secret) {
        return Totp.code(Base32.decode(secret), Totp.stepAt(clock.instant()), Totp.DIGITS);
    }

    private static String otherThan(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 500_000) % 1_000_000);
    }

    private static String codeJson(String value) {
        return "{\"code\":\"" + value + "\"}";
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return ApiClient.parse(response.body());
    }

    private static String decodeQr(String dataUri) throws IOException, com.google.zxing.NotFoundException,
            com.google.zxing.ChecksumException, com.google.zxing.FormatException {
        assertThat(dataUri).startsWith("data:image/png;base64,");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(dataUri.substring("data:image/png;base64,".length()))));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        var bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        return new QRCodeReader().decode(bitmap).getText();
    }

    private List<String> actions(String email) {
        return jdbc.sql("select action from audit_entries where target_label = ? order by id")
                .param(email).query(String.class).list();
    }

    private List<String> auditAfter(String email) {
        return jdbc.sql("select coalesce(after_state, '') || ' ' || coalesce(before_state, '') from audit_entries"
                + " where target_label = ? or actor_label = ? order by id")
                .params(email, email).query(String.class).list();
    }

    /** Outcomes of the person's sign-in entries whose result is {@code result}. */
    private List<String> outcomes(String email, String result) {
        return jdbc.sql("select outcome from audit_entries where action = 'auth.sign_in' and target_label = ?"
                + " and after_state like ? order by id")
                .params(email, "%\"result\":\"" + result + "\"%").query(String.class).list();
    }
}
