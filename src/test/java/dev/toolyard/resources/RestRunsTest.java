package dev.toolyard.resources;

import static dev.toolyard.resources.Queries.field;
import static dev.toolyard.resources.Queries.rest;
import static dev.toolyard.resources.Queries.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.toolyard.shared.Caller;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.ResourceId;
import dev.toolyard.shared.SourceFailedException;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * T-RS1, T-CU4 for REST resources against a real HTTP server in the test: each value stays data
 * in its position (path segment, query parameter, header, JSON body); configuration headers,
 * parameters and authentication are sent; failures, timeouts and the byte limit are reported.
 */
@ToolyardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestRunsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "token-" + UUID.randomUUID();
    private static final String HEADER_SECRET = "header-" + UUID.randomUUID();
    private static final RunLimits LIMITS = new RunLimits(Duration.ofSeconds(10), 1000, 1_000_000);

    /** What the server received. */
    record Received(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, String body) {
    }

    @LocalServerPort
    int port;

    @Autowired
    ResourceRuns runs;

    private HttpServer server;
    private final ConcurrentLinkedDeque<Received> received = new ConcurrentLinkedDeque<>();
    private TestSpace space;
    private Caller admin;
    private String resource;

    @BeforeAll
    void server() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::answer);
        server.start();
        space = TestSpaces.create(port, "Rest");
        admin = Caller.session(UserId.parse(space.admin().id()), space.admin().email(), SpaceId.parse(space.id()),
                false, true, "127.0.0.1");
        resource = space.api().post("/api/v1/resources", "{\"name\":\"Api " + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"kind\":\"REST\"}").json().get("id").asString();
        var saved = space.api().send("PUT", "/api/v1/resources/" + resource + "/configurations/production",
                "{\"baseUrl\":\"http://127.0.0.1:" + server.getAddress().getPort() + "/api\",\"headers\":["
                        + "{\"name\":\"X-Team\",\"value\":\"ops\"},{\"name\":\"X-Signature\",\"value\":\"" + HEADER_SECRET
                        + "\",\"secret\":true}],\"queryParameters\":[{\"name\":\"format\",\"value\":\"json\"}],"
                        + "\"auth\":{\"type\":\"bearer\",\"token\":\"" + TOKEN + "\"},\"connectTimeoutSeconds\":2}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.body()).doesNotContain(TOKEN, HEADER_SECRET);
    }

    @AfterAll
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getRawPath();
        received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                Map.copyOf(exchange.getRequestHeaders()), body));
        String answer = "{\"ok\":true}";
        int status = 200;
        String type = "application/json";
        if (path.endsWith("/slow")) {
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (path.endsWith("/fail")) {
            status = 500;
            answer = "boom, you sent " + exchange.getRequestHeaders().getFirst("Authorization");
            type = "text/plain";
        } else if (path.endsWith("/moved")) {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
            status = 302;
        } else if (path.endsWith("/many")) {
            var many = new StringBuilder("[");
            for (int i = 0; i < 1000; i++) {
                many.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"item ").append(i).append("\"}");
            }
            answer = many.append(']').toString();
        } else if (path.endsWith("/big")) {
            answer = "{\"text\":\"" + "x".repeat(5000) + "\"}";
        } else if (path.endsWith("/text")) {
            answer = "hello";
            type = "text/plain";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void everyValueStaysDataInItsPosition() throws Exception {
        var writer = new CollectingWriter();
        runs.run(admin, id(), "production", rest(
                field("method", "POST"),
                field("path", "/items/", value("a/../b?admin=1#x"), "/notes/", value("..")),
                field("query:q", value("a&admin=true")),
                field("query:format", value("x y")),
                field("header:X-Note", value("hello; admin=true")),
                field("body", "{\"name\": \"", value("\", \"admin\": true, \"x\": \""), "\", \"count\": ",
                        value(List.of(1, "two")), ", \"owner\": ", value("o\"wner"), "}")),
                LIMITS, writer);

        var request = received.getLast();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.rawPath()).isEqualTo("/api/items/a%2F..%2Fb%3Fadmin%3D1%23x/notes/%2E%2E");
        assertThat(request.rawQuery()).isEqualTo("format=x+y&q=a%26admin%3Dtrue");
        assertThat(request.headers().get("X-note")).containsExactly("hello; admin=true");
        var body = JSON.readValue(request.body(), Map.class);
        assertThat(body).containsOnlyKeys("name", "count", "owner");
        assertThat(body.get("name")).isEqualTo("\", \"admin\": true, \"x\": \"");
        assertThat(body.get("count")).isEqualTo(List.of(1, "two"));
        assertThat(body.get("owner")).isEqualTo("o\"wner");
        assertThat(request.headers().get("Content-type")).containsExactly("application/json");
        assertThat(writer.document).isEqualTo(Map.of("ok", true));
    }

    @Test
    void aHeaderValueThatWouldBreakTheLineIsRefusedBeforeAnythingIsSent() {
        int before = received.size();
        assertThatThrownBy(() -> runs.run(admin, id(), "production", rest(field("path", "items"),
                field("header:X-Note", value("ok\r\nX-Admin: true"))), LIMITS, new CollectingWriter()))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        failed -> assertThat(failed.code()).isEqualTo("query.invalid_header"));
        assertThatThrownBy(() -> runs.run(admin, id(), "production", rest(field("method", value("DELETE"))), LIMITS,
                new CollectingWriter())).isInstanceOf(InvalidInputException.class);
        assertThat(received).hasSize(before);
    }

    @Test
    void theConfigurationsHeadersParametersAndAuthenticationAreSentAndWin() throws Exception {
        runs.run(admin, id(), "production", rest(field("path", "whoami"),
                field("header:Authorization", value("Bearer forged"))), LIMITS, new CollectingWriter());

        var request = received.getLast();
        assertThat(request.rawPath()).isEqualTo("/api/whoami");
        assertThat(request.rawQuery()).isEqualTo("format=json");
        assertThat(request.headers().get("Authorization")).containsExactly("Bearer " + TOKEN);
        assertThat(request.headers().get("X-team")).containsExactly("ops");
        assertThat(request.headers().get("X-signature")).containsExactly(HEADER_SECRET);
    }

    @Test
    void answersAreDocumentsAndFailuresAreClearWithoutSecrets() throws Exception {
        var text = new CollectingWriter();
        runs.run(admin, id(), "production", rest(field("path", "text")), LIMITS, text);
        assertThat(text.document).isEqualTo("hello");

        assertThatThrownBy(() -> runs.run(admin, id(), "production", rest(field("path", "fail")), LIMITS,
                new CollectingWriter())).isInstanceOfSatisfying(SourceFailedException.class, failed -> {
                    assertThat(failed.code()).isEqualTo("source.error");
                    assertThat(failed.getMessage()).contains("500", "boom").doesNotContain(TOKEN);
                });
        assertThatThrownBy(() -> runs.run(admin, id(), "production", rest(field("path", "moved")), LIMITS,
                new CollectingWriter())).isInstanceOfSatisfying(SourceFailedException.class,
                        failed -> assertThat(failed.getMessage()).contains("302"));
        long started = System.nanoTime();
        assertThatThrownBy(() -> runs.run(admin, id(), "production", rest(field("path", "slow")),
                new RunLimits(Duration.ofSeconds(1), 10, 10_000), new CollectingWriter()))
                .isInstanceOfSatisfying(SourceFailedException.class, failed -> {
                    assertThat(failed.code()).isEqualTo("source.timeout");
                    assertThat(failed.timedOut()).isTrue();
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void theByteLimitCutsAnArrayBetweenElementsAndRefusesAnObject() throws Exception {
        var whole = new CollectingWriter();
        assertThat(runs.run(admin, id(), "production", rest(field("path", "many")), LIMITS, whole))
                .isEqualTo(RunSummary.complete(1000));
        var cut = new CollectingWriter();
        var summary = runs.run(admin, id(), "production", rest(field("path", "many")),
                new RunLimits(Duration.ofSeconds(10), 1000, 1000), cut);

        assertThat(summary.truncated()).isTrue();
        assertThat(summary.truncatedBy()).isEqualTo("bytes");
        assertThat((List<?>) cut.document).hasSize((int) summary.rows()).hasSizeBetween(30, 45);
        assertThat(((List<?>) cut.document).get(0)).isEqualTo(Map.of("id", 0, "name", "item 0"));
        assertThatThrownBy(() -> runs.run(admin, id(), "production", rest(field("path", "big")),
                new RunLimits(Duration.ofSeconds(10), 1000, 1000), new CollectingWriter()))
                .isInstanceOfSatisfying(SourceFailedException.class,
                        failed -> assertThat(failed.code()).isEqualTo("source.response_too_large"));
    }

    @Test
    void theConnectionTestReachesTheBaseUrlWithTheConfiguration() {
        var tested = space.api().post("/api/v1/resources/" + resource + "/configurations/production/test", null);
        assertThat(tested.json().get("ok").asBoolean()).as(tested.body()).isTrue();
        assertThat(received.getLast().headers().get("Authorization")).containsExactly("Bearer " + TOKEN);

        var moved = space.api().post("/api/v1/resources/" + resource + "/configurations/production/test",
                "{\"baseUrl\":\"http://127.0.0.1:1/api\",\"auth\":{\"type\":\"bearer\"}}");
        assertThat(moved.status()).as("the stored token does not follow a new server").isEqualTo(400);
        var refused = space.api().post("/api/v1/resources/" + resource + "/configurations/production/test",
                "{\"baseUrl\":\"http://127.0.0.1:1/api\",\"auth\":{\"type\":\"bearer\",\"token\":\"t\"}}");
        assertThat(refused.json().get("ok").asBoolean()).isFalse();
        assertThat(refused.json().get("code").asString()).isEqualTo("source.unreachable");
    }

    private ResourceId id() {
        return new ResourceId(UUID.fromString(resource));
    }
}
