package dev.toolyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.toolyard.testing.Admin;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.ConsoleSession;
import dev.toolyard.testing.ToolyardTest;

/** T-API3, T-SEC4: every kind of bad request gets the one documented problem shape and its code. */
@ToolyardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiErrorShapeTest {

    @LocalServerPort
    int port;

    private String adminToken;
    private String readOnlyToken;
    private ConsoleSession adminSession;

    @BeforeAll
    void tokens() {
        adminSession = Admin.signedIn(port);
        adminToken = Admin.token(adminSession, "spaces:read", "spaces:write", "tokens:read");
        readOnlyToken = Admin.token(adminSession, "spaces:read");
    }

    record Case(String name, String method, String path, String contentType, String body, Auth auth, int status,
            String code) {

        @Override
        public String toString() {
            return name;
        }
    }

    enum Auth { NONE, ADMIN, READ_ONLY, BAD_TOKEN, SESSION_WITHOUT_CSRF }

    static Stream<Arguments> cases() {
        String huge = "{\"name\":\"" + "a".repeat(1_100_000) + "\"}";
        return Stream.of(
                new Case("unknown route", "GET", "/api/v1/no-such-thing", null, null, Auth.ADMIN, 404, "request.not_found"),
                new Case("unknown object", "GET", "/api/v1/spaces/00000000-0000-0000-0000-000000000000", null, null, Auth.ADMIN, 404, "space.not_found"),
                new Case("bad JSON", "POST", "/api/v1/spaces", "application/json", "{\"name\":", Auth.ADMIN, 400, "request.malformed_json"),
                new Case("wrong type in body", "POST", "/api/v1/spaces", "application/json", "{\"name\":{\"a\":1}}", Auth.ADMIN, 400, "request.type_mismatch"),
                new Case("wrong type in path", "GET", "/api/v1/spaces/not-a-uuid", null, null, Auth.ADMIN, 400, "request.type_mismatch"),
                new Case("wrong type in query", "GET", "/api/v1/spaces?limit=many", null, null, Auth.ADMIN, 400, "request.type_mismatch"),
                new Case("limit out of range", "GET", "/api/v1/spaces?limit=0", null, null, Auth.ADMIN, 400, "request.invalid_limit"),
                new Case("forged cursor", "GET", "/api/v1/spaces?cursor=bm9wZQ", null, null, Auth.ADMIN, 400, "request.invalid_cursor"),
                new Case("missing field", "POST", "/api/v1/spaces", "application/json", "{}", Auth.ADMIN, 400, "request.validation_failed"),
                new Case("oversize body", "POST", "/api/v1/spaces", "application/json", huge, Auth.ADMIN, 413, "request.too_large"),
                new Case("unsupported media type", "POST", "/api/v1/spaces", "text/plain", "name=x", Auth.ADMIN, 415, "request.unsupported_media_type"),
                new Case("method not allowed", "PUT", "/api/v1/spaces", "application/json", "{}", Auth.ADMIN, 405, "request.method_not_allowed"),
                new Case("missing auth", "GET", "/api/v1/spaces", null, null, Auth.NONE, 401, "auth.required"),
                new Case("unknown token", "GET", "/api/v1/me", null, null, Auth.BAD_TOKEN, 401, "auth.token_invalid"),
                new Case("scope missing", "POST", "/api/v1/spaces", "application/json", "{\"name\":\"Nope\"}", Auth.READ_ONLY, 403, "access.insufficient_scope"),
                new Case("session without CSRF", "POST", "/api/v1/spaces", "application/json", "{\"name\":\"Nope\"}", Auth.SESSION_WITHOUT_CSRF, 403, "auth.csrf_invalid"),
                new Case("admin space protected", "DELETE", "/api/v1/spaces/{adminSpace}", null, null, Auth.ADMIN, 409, "space.admin_space_protected"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyErrorHasTheDocumentedShapeAndCode(Case c) throws Exception {
        var response = send(c);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(c.status());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        var problem = ApiClient.parse(response.body());
        assertThat(problem.get("code").asString()).isEqualTo(c.code());
        assertThat(problem.get("status").asInt()).isEqualTo(c.status());
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(problem.get("type").asString()).endsWith(c.code());
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "<html");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedRequestsChangeNothing(Case c) throws Exception {
        var before = spaceNames();
        send(c);
        assertThat(spaceNames()).isEqualTo(before);
    }

    private String spaceNames() {
        return new ApiClient(port, adminToken).get("/api/v1/spaces?limit=200").body().replaceAll("\"updatedAt\":\"[^\"]+\"", "");
    }

    private HttpResponse<String> send(Case c) throws IOException, InterruptedException {
        String path = c.path().replace("{adminSpace}",
                new ApiClient(port, adminToken).get("/api/v1/me").json().get("space").get("id").asString());
        if (c.auth() == Auth.SESSION_WITHOUT_CSRF) {
            return sessionWithoutCsrf(c, path);
        }
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        switch (c.auth()) {
            case ADMIN -> request.header("Authorization", "Bearer " + adminToken);
            case READ_ONLY -> request.header("Authorization", "Bearer " + readOnlyToken);
            case BAD_TOKEN -> request.header("Authorization", "Bearer tyd_not-a-real-token");
            default -> { }
        }
        if (c.contentType() != null) {
            request.header("Content-Type", c.contentType());
        }
        request.method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(c.body()));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> sessionWithoutCsrf(Case c, String path) throws IOException, InterruptedException {
        var session = adminSession.sessionId().orElseThrow();
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Cookie", "SESSION=" + session)
                .header("Content-Type", c.contentType())
                .method(c.method(), HttpRequest.BodyPublishers.ofString(c.body()));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
