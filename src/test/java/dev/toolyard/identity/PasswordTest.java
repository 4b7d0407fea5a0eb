package dev.toolyard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import dev.toolyard.testing.Admin;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.ConsoleSession;
import dev.toolyard.testing.TestClock;
import dev.toolyard.testing.TestUsers;
import dev.toolyard.testing.ToolyardTest;

/**
 * T-ID1: a signed-in person changes their password; someone who forgot it resets it through a
 * single-use, expiring e-mail link (T-SEC3 limits both). Same context as {@link SpaceUsersTest}.
 */
@ToolyardTest
@TestPropertySource(properties = { "spring.mail.host=localhost", "spring.mail.port=3025",
        "toolyard.invitations.mail-from=toolyard@example.com" })
class PasswordTest {

    static final Pattern RESET_LINK = Pattern.compile("http://localhost:\\d+(/password-reset/[A-Za-z0-9_-]+)");
    private static final String NEW_PASSWORD = "a fresh and secret sentence";

    @RegisterExtension
    static final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP);

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    private ApiClient admin;

    @BeforeEach
    void freshWindow() {
        // Every request here comes from 127.0.0.1: start each test after the previous ones' requests aged out.
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        admin = new ApiClient(port, Admin.token(port, "users:read", "users:write"));
    }

    @Test
    void changingThePasswordEndsTheOtherSessionsButKeepsTheCurrentOne() {
        var person = newUser("change");
        var here = person.signIn();
        var elsewhere = person.signIn();

        var changed = here.api("POST", "/api/v1/me/password", change(TestUsers.PASSWORD, NEW_PASSWORD));

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        assertThat(here.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(200);
        assertThat(elsewhere.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
        assertThat(signIn(person.email(), TestUsers.PASSWORD)).contains("error");
        assertThat(signIn(person.email(), NEW_PASSWORD)).doesNotContain("error");
        assertThat(actions(person.email())).contains("user.password_changed");
        assertThat(auditText(person.email())).doesNotContain(NEW_PASSWORD, TestUsers.PASSWORD);
    }

    @Test
    void aWrongCurrentPasswordIsRefusedAndCountsTowardTheSignInLimit() {
        var person = newUser("wrong");
        var session = person.signIn();

        var refused = session.api("POST", "/api/v1/me/password", change("not my password at all", NEW_PASSWORD));

        assertThat(refused.statusCode()).isEqualTo(400);
        var problem = ApiClient.parse(refused.body());
        assertThat(problem.get("code").asString()).isEqualTo("password.wrong_current");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("currentPassword");
        assertThat(jdbc.sql("select count(*) from sign_in_failures where account = ?").param(person.email())
                .query(Long.class).single()).isEqualTo(1);
        for (int i = 0; i < 4; i++) {
            session.api("POST", "/api/v1/me/password", change("still not my password", NEW_PASSWORD));
        }
        var limited = session.api("POST", "/api/v1/me/password", change(TestUsers.PASSWORD, NEW_PASSWORD));
        assertThat(limited.statusCode()).isEqualTo(403);
        assertThat(ApiClient.parse(limited.body()).get("code").asString()).isEqualTo("auth.rate_limited");
        assertThat(actions(person.email())).contains("user.password_changed");
        assertThat(outcomes(person.email(), "user.password_changed")).contains("FAILURE", "DENIED")
                .doesNotContain("SUCCESS");
        clock.advance(Duration.ofMinutes(16));
        assertThat(signIn(person.email(), TestUsers.PASSWORD)).doesNotContain("error");
    }

    @Test
    void aNewPasswordThePolicyRefusesIsAFieldErrorAndChangesNothing() {
        var person = newUser("policy");
        var session = person.signIn();

        var refused = session.api("POST", "/api/v1/me/password", change(TestUsers.PASSWORD, "password1234"));

        assertThat(refused.statusCode()).isEqualTo(400);
        var problem = ApiClient.parse(refused.body());
        assertThat(problem.get("code").asString()).isEqualTo("password.too_common");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("newPassword");
        assertThat(signIn(person.email(), TestUsers.PASSWORD)).doesNotContain("error");
    }

    @Test
    void anAccessTokenCannotChangeItsOwnersPassword() {
        var refused = admin.post("/api/v1/me/password", change(ToolyardTest.ADMIN_PASSWORD, NEW_PASSWORD));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asString()).isEqualTo("password.session_required");
        assertThat(refused.json().get("detail").asString()).contains("access token");
        assertThat(signIn(ToolyardTest.ADMIN_EMAIL, ToolyardTest.ADMIN_PASSWORD)).doesNotContain("error");
    }

    @Test
    void someoneWithoutALocalPasswordIsToldSo() {
        var person = newUser("nopassword");
        var session = person.signIn();
        jdbc.sql("update users set password_hash = null where email = ?").param(person.email()).update();

        var refused = session.api("POST", "/api/v1/me/password", change(TestUsers.PASSWORD, NEW_PASSWORD));

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(ApiClient.parse(refused.body()).get("code").asString()).isEqualTo("password.not_set");
    }

    @Test
    void theConsolePageChangesThePasswordAndShowsErrorsByField() {
        var person = newUser("console");
        var session = person.signIn();
        assertThat(session.get("/").body()).contains("Change password");
        assertThat(session.get("/settings/password").body()).contains("Current password", "New password");

        var wrong = session.post("/settings/password", Map.of("currentPassword", "not it at all, sorry",
                "newPassword", NEW_PASSWORD));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("The current password is wrong.");
        var tooShort = session.post("/settings/password", Map.of("currentPassword", TestUsers.PASSWORD,
                "newPassword", "short"));
        assertThat(tooShort.statusCode()).isEqualTo(422);
        assertThat(tooShort.body()).contains("at least 12 characters");

        var changed = session.post("/settings/password", Map.of("currentPassword", TestUsers.PASSWORD,
                "newPassword", NEW_PASSWORD));
        assertThat(changed.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/settings/password"));
        assertThat(session.follow(changed).body()).contains("Your password is changed.");
        assertThat(signIn(person.email(), NEW_PASSWORD)).doesNotContain("error");
    }

    @Test
    void everyAddressGetsTheSameAnswerWhetherOrNotAnAccountExists() {
        var person = newUser("same");
        var browser = new ConsoleSession(port);
        browser.get("/password-reset");

        var forUnknown = browser.post("/password-reset", Map.of("email", unique("nobody")));
        var forKnown = browser.post("/password-reset", Map.of("email", person.email()));

        assertThat(forUnknown.statusCode()).isEqualTo(forKnown.statusCode()).isEqualTo(302);
        assertThat(forUnknown.headers().firstValue("Location")).isEqualTo(forKnown.headers().firstValue("Location"));
        assertThat(browser.follow(forKnown).body()).contains("If an account exists for that address");
        assertThat(resetMailTo(person.email())).isNotNull();
    }

    @Test
    void aResetLinkSetsANewPasswordOnceAndEndsEverySession() {
        var person = newUser("reset");
        var signedIn = person.signIn();
        requestReset(person.email());
        String link = resetMailTo(person.email());

        var stranger = new ConsoleSession(port);
        assertThat(stranger.get(link).body()).contains("Choose a new password");
        var weak = stranger.post(link, Map.of("password", "short"));
        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(weak.body()).contains("at least 12 characters");
        var done = stranger.post(link, Map.of("password", NEW_PASSWORD));

        assertThat(done.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login?passwordReset"));
        assertThat(stranger.follow(done).body()).contains("Your password is changed.");
        assertThat(signedIn.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
        assertThat(signIn(person.email(), TestUsers.PASSWORD)).contains("error");
        assertThat(signIn(person.email(), NEW_PASSWORD)).doesNotContain("error");
        var again = new ConsoleSession(port).get(link);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("already used");
        var replay = new ConsoleSession(port);
        replay.get("/password-reset");
        assertThat(replay.post(link, Map.of("password", "another long sentence here")).statusCode()).isEqualTo(404);
        assertThat(actions(person.email())).contains("user.password_reset_requested", "user.password_reset");
        String token = link.substring(link.lastIndexOf('/') + 1);
        assertThat(auditText(person.email())).doesNotContain(token, NEW_PASSWORD);
        assertThat(jdbc.sql("select count(*) from password_reset_links where token_hash = ?")
                .param(token).query(Long.class).single()).isZero();
    }

    @Test
    void usingOneLinkRetiresTheUsersOtherLinks() {
        var person = newUser("twice");
        requestReset(person.email());
        String first = resetMailTo(person.email());
        requestReset(person.email());
        String second = resetMailsTo(person.email()).stream().filter(link -> !link.equals(first)).findFirst().orElseThrow();

        var browser = new ConsoleSession(port);
        browser.get(second);
        assertThat(browser.post(second, Map.of("password", NEW_PASSWORD)).statusCode()).isEqualTo(302);

        assertThat(new ConsoleSession(port).get(first).statusCode()).isEqualTo(404);
    }

    @Test
    void aLinkExpiresAfterThirtyMinutes() {
        var person = newUser("expired");
        requestReset(person.email());
        String link = resetMailTo(person.email());
        var browser = new ConsoleSession(port);
        assertThat(browser.get(link).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(31));

        assertThat(browser.post(link, Map.of("password", NEW_PASSWORD)).statusCode()).isEqualTo(404);
        assertThat(new ConsoleSession(port).get(link).body()).contains("has expired");
        assertThat(signIn(person.email(), TestUsers.PASSWORD)).doesNotContain("error");
    }

    @Test
    void aDisabledUserGetsNoLinkAndCannotUseOneIssuedBefore() {
        var person = newUser("disabled");
        requestReset(person.email());
        String earlier = resetMailTo(person.email());
        assertThat(admin.post("/api/v1/users/" + person.id() + "/disable", null).status()).isEqualTo(200);

        var answer = requestReset(person.email());

        assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/password-reset?sent"));
        assertThat(jdbc.sql("select count(*) from password_reset_links where user_id = ?")
                .param(UUID.fromString(person.id())).query(Long.class).single()).isEqualTo(1);
        var browser = new ConsoleSession(port);
        browser.get("/password-reset");
        var refused = browser.post(earlier, Map.of("password", NEW_PASSWORD));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("This account is disabled");
        admin.post("/api/v1/users/" + person.id() + "/enable", null);
        assertThat(signIn(person.email(), TestUsers.PASSWORD)).doesNotContain("error");
    }

    @Test
    void oneEmailAddressMayBeSentThreeLinksAnHour() {
        String email = unique("flood");
        for (int i = 0; i < 3; i++) {
            assertThat(requestReset(email).statusCode()).isEqualTo(302);
        }

        var limited = requestReset(email);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("Too many reset requests");
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        assertThat(requestReset(email).statusCode()).isEqualTo(302);
    }

    @Test
    void oneClientMayAskForTwentyLinksAnHour() {
        for (int i = 0; i < 20; i++) {
            assertThat(requestReset(unique("client")).statusCode()).isEqualTo(302);
        }

        var limited = requestReset(unique("client"));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("Too many reset requests");
    }

    private TestUsers.Person newUser(String prefix) {
        return TestUsers.enabledUser(prefix).create(port, admin);
    }

    private HttpResponse<String> requestReset(String email) {
        var browser = new ConsoleSession(port);
        browser.get("/password-reset");
        return browser.post("/password-reset", Map.of("email", email));
    }

    private String signIn(String email, String password) {
        return new ConsoleSession(port).signIn(email, password).headers().firstValue("Location").orElse("");
    }

    /** The path of the newest reset link e-mailed to the address, waiting for it to arrive. */
    private String resetMailTo(String email) {
        var links = resetMailsTo(email);
        return links.get(links.size() - 1);
    }

    private List<String> resetMailsTo(String email) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        var links = new ArrayList<String>();
        while (System.nanoTime() < deadline) {
            links.clear();
            for (var message : mail.getReceivedMessages()) {
                var matcher = RESET_LINK.matcher(GreenMailUtil.getBody(message));
                if (recipients(message).contains(email) && matcher.find()) {
                    links.add(matcher.group(1));
                }
            }
            long expected = jdbc.sql("select count(*) from password_reset_links l join users u on u.id = l.user_id"
                    + " where u.email = ?").param(email).query(Long.class).single();
            if (expected > 0 && links.size() >= expected) {
                return links;
            }
            mail.waitForIncomingEmail(200, mail.getReceivedMessages().length + 1);
        }
        throw new AssertionError("no reset e-mail to " + email);
    }

    private static String recipients(MimeMessage message) {
        try {
            return GreenMailUtil.getAddressList(message.getAllRecipients());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> actions(String email) {
        return jdbc.sql("select action from audit_entries where target_label = ? order by id").param(email)
                .query(String.class).list();
    }

    private List<String> outcomes(String email, String action) {
        return jdbc.sql("select outcome from audit_entries where target_label = ? and action = ?")
                .params(email, action).query(String.class).list();
    }

    private String auditText(String email) {
        return String.join("\n", jdbc.sql("select coalesce(before_state, '') || coalesce(after_state, '') from"
                + " audit_entries where target_label = ? or actor_label = ?").params(email, email)
                .query(String.class).list());
    }

    private static String change(String current, String next) {
        return "{\"currentPassword\":\"" + current + "\",\"newPassword\":\"" + next + "\"}";
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
