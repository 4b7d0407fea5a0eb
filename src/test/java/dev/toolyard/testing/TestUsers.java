package dev.toolyard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Enabled users of the admin's current space, made the way people join: an invitation (with
 * built-in groups) accepted with a password. {@code enabledUser("support").in("Editor").create()}.
 */
public final class TestUsers {

    public static final String PASSWORD = "a long and private phrase";
    private static final Pattern LINK = Pattern.compile("http://localhost:\\d+(/invitations/[A-Za-z0-9_-]+)");

    private final String prefix;
    private String firstName = "";
    private String lastName = "";
    private String[] groups = new String[0];
    private String email;

    private TestUsers(String prefix) {
        this.prefix = prefix;
    }

    public static TestUsers enabledUser(String prefix) {
        return new TestUsers(prefix);
    }

    public TestUsers named(String first, String last) {
        this.firstName = first;
        this.lastName = last;
        return this;
    }

    /** A given e-mail instead of a made-up one, e.g. one that a sample's data refers to. */
    public TestUsers withEmail(String email) {
        this.email = email;
        return this;
    }

    /** Built-in groups by name: Viewer, Editor, Admin. */
    public TestUsers in(String... builtInGroups) {
        this.groups = builtInGroups;
        return this;
    }

    /** Invites through the API (the token needs users:write) and accepts the invitation. */
    public Person create(int port, ApiClient admin) {
        String email = this.email != null ? this.email
                : prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String groupList = Arrays.stream(groups).map(g -> "\"" + g + "\"").collect(Collectors.joining(","));
        var invited = admin.post("/api/v1/users/invitations", "{\"email\":\"" + email + "\",\"firstName\":\"" + firstName
                + "\",\"lastName\":\"" + lastName + "\",\"groups\":[" + groupList + "]}");
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        var matcher = LINK.matcher(invited.json().get("link").asString());
        assertThat(matcher.find()).isTrue();
        var browser = new ConsoleSession(port);
        browser.get(matcher.group(1));
        var accepted = browser.post(matcher.group(1), Map.of("firstName", firstName, "lastName", lastName,
                "password", PASSWORD));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(302);
        return new Person(invited.json().get("user").get("id").asString(), email, port);
    }

    public record Person(String id, String email, int port) {

        public ConsoleSession signIn() {
            var session = new ConsoleSession(port);
            var response = session.signIn(email, PASSWORD);
            assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).doesNotContain("error"));
            session.get("/");
            return session;
        }
    }
}
