package dev.toolyard.identity;

import static org.assertj.core.api.Assertions.assertThat;

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
import jakarta.mail.internet.MimeMessage;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import dev.toolyard.testing.Admin;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.ConsoleSession;
import dev.toolyard.testing.TestClock;
import dev.toolyard.testing.ToolyardTest;
import tools.jackson.databind.JsonNode;

/** T-U1–T-U7, T-SP3: users of a space, from invitation to disabling, through API, console and e-mail. */
@ToolyardTest
@TestPropertySource(properties = { "spring.mail.host=localhost", "spring.mail.port=3025",
        "toolyard.invitations.mail-from=toolyard@example.com" })
class SpaceUsersTest {

    private static final Pattern LINK = Pattern.compile("http://localhost:\\d+(/invitations/[A-Za-z0-9_-]+)");
    private static final String PASSWORD = "a long and private phrase";

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
    void adminToken() {
        admin = new ApiClient(port, Admin.token(port, "users:read", "users:write", "spaces:read", "spaces:write"));
    }

    @Test
    void anInvitationIsEmailedAndItsLinkCreatesTheAccountOnce() throws Exception {
        String email = unique("invitee");
        var invited = admin.post("/api/v1/users/invitations", "{\"email\":\"" + email.toUpperCase()
                + "\",\"firstName\":\"Ines\",\"groups\":[\"Editor\"]}");
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        assertThat(invited.json().get("user").get("state").asString()).isEqualTo("invited");
        String link = path(invited.json().get("link").asString());

        assertThat(mail.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage message = null;
        for (var received : mail.getReceivedMessages()) {
            if (GreenMailUtil.getAddressList(received.getAllRecipients()).contains(email)) {
                message = received;
            }
        }
        assertThat(message).as("an e-mail to " + email).isNotNull();
        assertThat(message.getSubject()).contains("Admin");
        assertThat(GreenMailUtil.getBody(message)).contains(link);

        var invitee = new ConsoleSession(port);
        assertThat(invitee.get(link).body()).contains(email, "Choose a password");
        var accepted = invitee.post(link, Map.of("firstName", "Ines", "lastName", "Ng", "password", PASSWORD));
        assertThat(accepted.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?joined"));

        var signedIn = new ConsoleSession(port);
        signedIn.signIn(email, PASSWORD);
        assertThat(ApiClient.parse(signedIn.api("GET", "/api/v1/me", null).body()).get("firstName").asString()).isEqualTo("Ines");
        var detail = admin.get("/api/v1/users/" + invited.json().get("user").get("id").asString()).json();
        assertThat(detail.get("user").get("state").asString()).isEqualTo("enabled");
        assertThat(detail.get("groups").toString()).contains("Editor", "All Users");

        var again = new ConsoleSession(port);
        assertThat(again.get(link).statusCode()).isEqualTo(404);
        assertThat(actions(email)).contains("user.invited", "user.invitation_accepted");
    }

    @Test
    void resendingRetiresTheOldLinkAndRevokingRemovesTheInvitedUser() {
        String email = unique("resend");
        var invited = admin.post("/api/v1/users/invitations", "{\"email\":\"" + email + "\"}").json();
        String id = invited.get("user").get("id").asString();
        String oldLink = path(invited.get("link").asString());

        String newLink = path(admin.post("/api/v1/users/" + id + "/invitation", null).json().get("link").asString());

        var browser = new ConsoleSession(port);
        assertThat(browser.get(oldLink).statusCode()).isEqualTo(404);
        assertThat(browser.get(newLink).statusCode()).isEqualTo(200);
        assertThat(admin.delete("/api/v1/users/" + id + "/invitation").status()).isEqualTo(204);
        assertThat(browser.get(newLink).statusCode()).isEqualTo(404);
        assertThat(admin.get("/api/v1/users/" + id).json().get("code").asString()).isEqualTo("user.not_found");
    }

    @Test
    void anInvitationExpiresAfterSevenDays() {
        String link = path(admin.post("/api/v1/users/invitations", "{\"email\":\"" + unique("late") + "\"}")
                .json().get("link").asString());

        clock.advance(Duration.ofDays(7).plusMinutes(1));

        assertThat(new ConsoleSession(port).get(link).statusCode()).isEqualTo(404);
    }

    @Test
    void disablingEndsSessionsAndTokensAtOnceAndEnablingRestoresTheGroups() {
        var member = enabledUser("disable", "Editor");
        var session = new ConsoleSession(port);
        session.signIn(member.email(), PASSWORD);
        session.get("/");
        var token = new ApiClient(port, Admin.token(session, "tokens:read"));
        assertThat(token.get("/api/v1/me").status()).isEqualTo(200);

        var disabled = admin.post("/api/v1/users/" + member.id() + "/disable", null);

        assertThat(disabled.json().get("state").asString()).isEqualTo("disabled");
        assertThat(session.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
        assertThat(token.get("/api/v1/me").status()).isEqualTo(401);
        var refused = new ConsoleSession(port).signIn(member.email(), PASSWORD);
        assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("error=disabled"));

        admin.post("/api/v1/users/" + member.id() + "/enable", null);

        var back = new ConsoleSession(port);
        assertThat(back.signIn(member.email(), PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        assertThat(admin.get("/api/v1/users/" + member.id()).json().get("groups").toString()).contains("Editor");
        assertThat(actions(member.email())).contains("user.disabled", "user.enabled");
    }

    @Test
    void adminsCannotDisableThemselves() {
        String me = admin.get("/api/v1/me").json().get("id").asString();

        var response = admin.post("/api/v1/users/" + me + "/disable", null);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("code").asString()).isEqualTo("user.cannot_disable_self");
    }

    @Test
    void theAllFilterLeavesDisabledUsersOutAndEachFilterShowsItsState() {
        var enabled = enabledUser("filter-enabled");
        var disabled = enabledUser("filter-disabled");
        admin.post("/api/v1/users/" + disabled.id() + "/disable", null);
        String invited = admin.post("/api/v1/users/invitations", "{\"email\":\"" + unique("filter-invited") + "\"}")
                .json().get("user").get("email").asString();

        assertThat(emails("all")).contains(enabled.email(), invited, ToolyardTest.ADMIN_EMAIL).doesNotContain(disabled.email());
        assertThat(emails("disabled")).contains(disabled.email()).doesNotContain(enabled.email());
        assertThat(emails("invited")).contains(invited).doesNotContain(enabled.email());
        assertThat(emails("enabled")).contains(enabled.email()).doesNotContain(invited, disabled.email());
        assertThat(emails("admins")).containsExactly(ToolyardTest.ADMIN_EMAIL);
        assertThat(admin.get("/api/v1/users?filter=everyone").json().get("code").asString()).isEqualTo("request.invalid_option");
    }

    @Test
    void searchMatchesNameOrEmailAndPagesFollowTheChosenOrder() {
        String marker = "zq" + UUID.randomUUID().toString().substring(0, 6);
        for (String name : List.of("Carla", "alba", "Bruno", "Dora", "Emil")) {
            admin.post("/api/v1/users/invitations", "{\"email\":\"" + name.toLowerCase() + "." + marker
                    + "@example.com\",\"firstName\":\"" + name + "\",\"lastName\":\"" + marker + "\"}");
        }

        var names = new ArrayList<String>();
        String cursor = null;
        do {
            var page = admin.get("/api/v1/users?q=" + marker + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(user -> names.add(user.get("firstName").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);

        assertThat(names).containsExactly("alba", "Bruno", "Carla", "Dora", "Emil");
        assertThat(admin.get("/api/v1/users?q=bruno." + marker).json().get("items")).hasSize(1);
        assertThat(admin.get("/api/v1/users?q=" + marker.toUpperCase()).json().get("items")).hasSize(5);
    }

    @Test
    void sortingByLastActivityPutsTheMostRecentlyActiveFirst() {
        var earlier = enabledUser("active-earlier");
        var later = enabledUser("active-later");
        var never = admin.post("/api/v1/users/invitations", "{\"email\":\"" + unique("active-never") + "\"}").json();
        var first = new ConsoleSession(port);
        first.signIn(earlier.email(), PASSWORD);
        first.get("/");
        clock.advance(Duration.ofMinutes(5));
        var session = new ConsoleSession(port);
        session.signIn(later.email(), PASSWORD);
        session.get("/");

        var order = new ArrayList<String>();
        String cursor = null;
        do {
            var page = admin.get("/api/v1/users?sort=last_activity&limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(user -> order.add(user.get("email").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);

        assertThat(order).doesNotHaveDuplicates();
        assertThat(order.indexOf(later.email())).isLessThan(order.indexOf(earlier.email()));
        assertThat(order.indexOf(earlier.email())).isLessThan(order.indexOf(never.get("user").get("email").asString()));
    }

    @Test
    void peopleOfAnAllowedDomainAskToJoinAndWaitForApproval() {
        String domain = "join-" + UUID.randomUUID().toString().substring(0, 6) + ".example";
        assertThat(admin.send("PUT", "/api/v1/users/allowed-domains", "{\"domains\":[\"@" + domain.toUpperCase() + "\"]}")
                .json().get("domains").toString()).isEqualTo("[\"" + domain + "\"]");
        String email = "newcomer@" + domain;
        var visitor = new ConsoleSession(port);
        visitor.get("/join");

        var asked = visitor.post("/join", Map.of("email", email, "firstName", "New", "password", PASSWORD));

        assertThat(asked.body()).contains("admins will review");
        var suggested = admin.get("/api/v1/users?filter=suggested&q=" + domain).json().get("items");
        assertThat(suggested).hasSize(1);
        var waiting = new ConsoleSession(port).signIn(email, PASSWORD);
        assertThat(waiting.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("error=disabled"));

        String id = suggested.get(0).get("id").asString();
        admin.post("/api/v1/users/" + id + "/approve", "{\"groups\":[\"Viewer\"]}");

        assertThat(new ConsoleSession(port).signIn(email, PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        assertThat(admin.get("/api/v1/users/" + id).json().get("groups").toString()).contains("Viewer");
    }

    @Test
    void anAddressOfADomainNoSpaceAllowsCannotAskToJoin() {
        var visitor = new ConsoleSession(port);
        visitor.get("/join");

        var refused = visitor.post("/join", Map.of("email", "someone@not-allowed.example", "password", PASSWORD));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("No space accepts requests");
    }

    @Test
    void attributesAreSetReadAndRemoved() {
        var member = enabledUser("attributes");

        admin.send("PUT", "/api/v1/users/" + member.id() + "/attributes/region", "{\"value\":\"EMEA\"}");
        var invalid = admin.send("PUT", "/api/v1/users/" + member.id() + "/attributes/9bad", "{\"value\":\"x\"}");

        assertThat(admin.get("/api/v1/users/" + member.id()).json().get("attributes").get("region").asString()).isEqualTo("EMEA");
        assertThat(invalid.json().get("code").asString()).isEqualTo("user.invalid_attribute_key");
        assertThat(admin.delete("/api/v1/users/" + member.id() + "/attributes/region").json().has("region")).isFalse();
    }

    @Test
    void aSpaceAdminSeesOnlyTheirSpaceAndOrdinaryUsersSeeNoUserList() {
        String space = admin.post("/api/v1/spaces", "{\"name\":\"Users of B " + UUID.randomUUID().toString().substring(0, 6) + "\"}")
                .json().get("id").asString();
        var adminSession = Admin.signedIn(port);
        adminSession.post("/switch-space", Map.of("space", space));
        var inB = ApiClient.parse(adminSession.api("POST", "/api/v1/users/invitations",
                "{\"email\":\"" + unique("b-admin") + "\",\"groups\":[\"Admin\"]}").body());
        assertThat(ApiClient.parse(adminSession.api("GET", "/api/v1/me", null).body()).get("space").get("id").asString())
                .isEqualTo(space);
        var bAdmin = new ConsoleSession(port);
        String link = path(inB.get("link").asString());
        bAdmin.get(link);
        bAdmin.post(link, Map.of("password", PASSWORD));
        bAdmin.signIn(inB.get("user").get("email").asString(), PASSWORD);
        bAdmin.get("/");
        var memberOfA = enabledUser("member-of-a");

        assertThat(ApiClient.parse(bAdmin.api("GET", "/api/v1/users/" + memberOfA.id(), null).body()).get("code").asString())
                .isEqualTo("user.not_found");
        assertThat(ApiClient.parse(bAdmin.api("POST", "/api/v1/users/" + memberOfA.id() + "/disable", null).body())
                .get("code").asString()).isEqualTo("user.not_found");
        assertThat(admin.get("/api/v1/users/" + memberOfA.id()).json().get("user").get("state").asString()).isEqualTo("enabled");
        var ordinary = new ConsoleSession(port);
        ordinary.signIn(memberOfA.email(), PASSWORD);
        ordinary.get("/");
        assertThat(ordinary.api("GET", "/api/v1/users", null).statusCode()).isEqualTo(403);
        assertThat(ordinary.post("/switch-space", Map.of("space", space)).statusCode()).isEqualTo(404);
    }

    record Member(String id, String email) {
    }

    private Member enabledUser(String prefix, String... groups) {
        String email = unique(prefix);
        String groupList = String.join(",", List.of(groups).stream().map(g -> "\"" + g + "\"").toList());
        var invited = admin.post("/api/v1/users/invitations", "{\"email\":\"" + email + "\",\"groups\":[" + groupList + "]}").json();
        String link = path(invited.get("link").asString());
        var browser = new ConsoleSession(port);
        browser.get(link);
        var accepted = browser.post(link, Map.of("password", PASSWORD));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(302);
        return new Member(invited.get("user").get("id").asString(), email);
    }

    private List<String> emails(String filter) {
        var emails = new ArrayList<String>();
        String cursor = null;
        do {
            JsonNode page = admin.get("/api/v1/users?filter=" + filter + "&limit=200" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(user -> emails.add(user.get("email").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        return emails;
    }

    private List<String> actions(String email) {
        return jdbc.sql("select action from audit_entries where target_label = ? order by id").param(email)
                .query(String.class).list();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static String path(String link) {
        var matcher = LINK.matcher(link);
        assertThat(matcher.find()).as(link).isTrue();
        return matcher.group(1);
    }
}
