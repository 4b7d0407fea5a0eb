package dev.toolyard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.toolyard.testing.ConsoleSession;
import dev.toolyard.testing.TestClock;
import dev.toolyard.testing.ToolyardTest;

/** T-ID1, T-SEC3: password sign-in, its limits, sign-out, CSRF and session rotation. */
@ToolyardTest
class SignInTest {

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    @AfterEach
    void forgetFailedSignIns() {
        // Every test signs in from 127.0.0.1: move past the window so no test inherits another's failures.
        clock.advance(Duration.ofMinutes(16));
    }

    @Test
    void rightPasswordSignsInAndLandsOnTheHomePage() {
        var session = new ConsoleSession(port);
        var response = session.signIn(ToolyardTest.ADMIN_EMAIL, ToolyardTest.ADMIN_PASSWORD);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/"));
        var home = session.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains(ToolyardTest.ADMIN_EMAIL, "Admin");
    }

    @Test
    void emailIsMatchedRegardlessOfCase() {
        var response = new ConsoleSession(port).signIn(ToolyardTest.ADMIN_EMAIL.toUpperCase(), ToolyardTest.ADMIN_PASSWORD);

        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error"));
    }

    @Test
    void wrongPasswordIsRefusedWithAClearMessage() {
        var session = new ConsoleSession(port);
        var response = session.signIn(ToolyardTest.ADMIN_EMAIL, "not the password at all");

        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login?error=credentials"));
        assertThat(session.get("/login?error=credentials").body()).contains("Wrong e-mail or password.");
        assertThat(session.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    void unknownEmailGetsTheSameAnswerAsAWrongPassword() {
        var response = new ConsoleSession(port).signIn("nobody@toolyard.test", "not the password at all");

        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login?error=credentials"));
    }

    @Test
    void anAccountIsLockedAfterFiveFailuresEvenForTheRightPasswordUntilTheWindowPasses() {
        for (int i = 0; i < 5; i++) {
            new ConsoleSession(port).signIn(ToolyardTest.ADMIN_EMAIL, "wrong password number " + i);
        }

        var session = new ConsoleSession(port);
        var locked = session.signIn(ToolyardTest.ADMIN_EMAIL, ToolyardTest.ADMIN_PASSWORD);
        assertThat(locked.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).contains("error=throttled"));
        assertThat(session.get(locked.headers().firstValue("Location").orElseThrow().replaceAll("^https?://[^/]+", ""))
                .body()).contains("Too many failed sign-ins");

        clock.advance(Duration.ofMinutes(16));
        var later = new ConsoleSession(port).signIn(ToolyardTest.ADMIN_EMAIL, ToolyardTest.ADMIN_PASSWORD);
        assertThat(later.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error"));
    }

    @Test
    void anAddressIsLimitedAcrossAccounts() {
        for (int i = 0; i < 20; i++) {
            new ConsoleSession(port).signIn("guess" + i + "@toolyard.test", "wrong password number " + i);
        }

        var blocked = new ConsoleSession(port).signIn(ToolyardTest.ADMIN_EMAIL, ToolyardTest.ADMIN_PASSWORD);

        assertThat(blocked.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).contains("error=throttled"));
    }

    @Test
    void signInWithoutTheCsrfTokenIsRejected() {
        var session = new ConsoleSession(port);
        session.get("/login");

        var response = session.postWithoutCsrf("/login",
                Map.of("email", ToolyardTest.ADMIN_EMAIL, "password", ToolyardTest.ADMIN_PASSWORD));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(session.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    void consoleFormsWithoutTheCsrfTokenAreRejectedAndChangeNothing() {
        var session = new ConsoleSession(port);
        session.signIn(ToolyardTest.ADMIN_EMAIL, ToolyardTest.ADMIN_PASSWORD);

        var response = session.postWithoutCsrf("/spaces", Map.of("name", "Forged"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from spaces where name = 'Forged'").query(Long.class).single()).isZero();
    }

    @Test
    void signInRotatesTheSessionIdAndTheOldIdIsUseless() {
        var session = new ConsoleSession(port);
        session.get("/login");
        String before = session.sessionId().orElseThrow();

        session.post("/login", Map.of("email", ToolyardTest.ADMIN_EMAIL, "password", ToolyardTest.ADMIN_PASSWORD));
        String after = session.sessionId().orElseThrow();

        assertThat(after).isNotEqualTo(before);
        assertThat(session.get("/").statusCode()).isEqualTo(200);
        var withOldId = ConsoleSession.withSessionCookie(port, before);
        assertThat(withOldId.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
    }

    @Test
    void signOutEndsTheSession() {
        var session = new ConsoleSession(port);
        session.signIn(ToolyardTest.ADMIN_EMAIL, ToolyardTest.ADMIN_PASSWORD);
        assertThat(session.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(200);

        var response = session.signOut();

        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login?signedOut"));
        assertThat(session.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
        assertThat(session.get("/login?signedOut").body()).contains("You are signed out.");
    }

    @Test
    void passwordsAreStoredAsArgon2idHashes() {
        String hash = jdbc.sql("select password_hash from users where email = ?").param(ToolyardTest.ADMIN_EMAIL)
                .query(String.class).single();

        assertThat(hash).startsWith("{argon2@SpringSecurity_v5_8}$argon2id$").doesNotContain(ToolyardTest.ADMIN_PASSWORD);
    }
}
