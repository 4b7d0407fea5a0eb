package dev.toolyard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.toolyard.shared.ApiScope;

/**
 * Spaces for tests, made the way people make them: the instance admin creates the space and
 * invites its space admin, who accepts the link, signs in and makes a token. Nothing is written
 * behind the product's back, so what a test sees is what the API gives.
 */
public final class TestSpaces {

    public static final String PASSWORD = "a long and private phrase";

    /** Every scope a space admin's token may carry (metrics:read is for instance admins only). */
    public static final String[] ALL_SCOPES = Arrays.stream(ApiScope.values())
            .filter(scope -> scope != ApiScope.METRICS_READ).map(ApiScope::value).toArray(String[]::new);

    private static final Pattern LINK = Pattern.compile("(/invitations/[A-Za-z0-9_-]+)");
    private static final Map<Integer, ConsoleSession> INSTANCE_ADMINS = new ConcurrentHashMap<>();

    private TestSpaces() {
    }

    /** A new child space with one space admin (a member of its Admin group, not an instance admin). */
    public static TestSpace create(int port, String namePrefix) {
        var instanceAdmin = instanceAdmin(port);
        var created = instanceAdmin.api("POST", "/api/v1/spaces", "{\"name\":\"" + unique(namePrefix) + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var json = ApiClient.parse(created.body());
        String id = json.get("id").asString();
        String name = json.get("name").asString();
        var switched = instanceAdmin.post("/switch-space", Map.of("space", id));
        assertThat(switched.statusCode()).as(switched.body()).isEqualTo(302);
        var invited = ApiClient.parse(instanceAdmin.api("POST", "/api/v1/users/invitations",
                "{\"email\":\"" + email("space-admin") + "\",\"groups\":[\"Admin\"]}").body());
        var admin = accept(port, invited);
        var session = admin.signIn(port);
        var token = new ApiClient(port, Admin.token(session, ALL_SCOPES));
        return new TestSpace(port, id, name, admin, session, token);
    }

    /** Accepts an invitation as a new person would: the link, a password, done. */
    static Person accept(int port, tools.jackson.databind.JsonNode invitation) {
        var matcher = LINK.matcher(invitation.get("link").asString());
        assertThat(matcher.find()).as(invitation.toString()).isTrue();
        String link = matcher.group(1);
        var browser = new ConsoleSession(port);
        browser.get(link);
        var accepted = browser.post(link, Map.of("password", PASSWORD));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(302);
        var user = invitation.get("user");
        return new Person(user.get("id").asString(), user.get("email").asString());
    }

    /** The instance admin's session, signed in once per server. */
    public static ConsoleSession instanceAdmin(int port) {
        return INSTANCE_ADMINS.computeIfAbsent(port, Admin::signedIn);
    }

    public static String email(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    public static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    static String jsonList(List<String> values) {
        return values.stream().map(value -> "\"" + value + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    /** A person with a password, who can sign in. */
    public record Person(String id, String email) {

        public ConsoleSession signIn(int port) {
            var session = new ConsoleSession(port);
            var response = session.signIn(email, PASSWORD);
            assertThat(response.headers().firstValue("Location")).as("sign-in of " + email)
                    .hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));
            session.get("/");
            return session;
        }

        public ApiClient token(int port, String... scopes) {
            return new ApiClient(port, Admin.token(signIn(port), scopes));
        }
    }
}
