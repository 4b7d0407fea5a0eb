package dev.toolyard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The instance admin every {@link ToolyardTest} context has, signed in and issuing tokens. */
public final class Admin {

    private Admin() {
    }

    public static ConsoleSession signedIn(int port) {
        var session = new ConsoleSession(port);
        var response = session.signIn(ToolyardTest.ADMIN_EMAIL, ToolyardTest.ADMIN_PASSWORD);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error"));
        session.get("/");
        return session;
    }

    /** A fresh token of the admin with exactly these scopes; returns its secret. */
    public static String token(int port, String... scopes) {
        return token(signedIn(port), scopes);
    }

    public static String token(ConsoleSession admin, String... scopes) {
        String list = Arrays.stream(scopes).map(scope -> "\"" + scope + "\"").collect(Collectors.joining(","));
        var response = admin.api("POST", "/api/v1/tokens", "{\"name\":\"test\",\"scopes\":[" + list + "]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ApiClient.parse(response.body()).get("secret").asString();
    }
}
