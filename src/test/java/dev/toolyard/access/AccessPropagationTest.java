package dev.toolyard.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import dev.toolyard.ToolyardApplication;
import dev.toolyard.testing.Admin;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.ToolyardTest;

/**
 * Issue 3, T-D3: a grant or membership change committed through one node is what every other node
 * answers with, within a second (the target; the test allows 5 s so a loaded machine does not make it
 * flaky, and prints each delay). Node A is this test's server; node B is a second server
 * <em>process</em> on the same database, so the only way B can learn of a change is PostgreSQL's
 * LISTEN/NOTIFY.
 */
@ToolyardTest
class AccessPropagationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final Duration NODE_START = Duration.ofMinutes(3);
    private static final int ROUNDS = 5;

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    private Process nodeB;
    private Path nodeBLog;
    private int nodeBPort;

    @BeforeEach
    void startNodeB() throws IOException {
        nodeBPort = freePort();
        nodeBLog = Files.createDirectories(Path.of("target")).resolve("access-propagation-node-b.log");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        nodeB = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", classpath, ToolyardApplication.class.getName(),
                "--toolyard.db.url=" + environment.getProperty("toolyard.db.url"),
                "--server.port=" + nodeBPort, "--toolyard.data-dir=target/test-data")
                .redirectErrorStream(true).redirectOutput(nodeBLog.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(nodeB::destroyForcibly));
    }

    @AfterEach
    void stopNodeB() throws InterruptedException {
        nodeB.destroy();
        if (!nodeB.waitFor(20, TimeUnit.SECONDS)) {
            nodeB.destroyForcibly();
        }
    }

    @Test
    void grantAndMembershipChangesMadeOnOneNodeAreAnsweredByTheOtherWithinFiveSeconds() throws Exception {
        // A token is a row in the shared database, so the one issued on node A works on node B too.
        String token = Admin.token(port, "groups:read", "groups:write", "users:write", "apps:read",
                "apps:write");
        var onA = new ApiClient(port, token);
        String app = created(onA.post("/api/v1/apps", "{\"name\":\"Propagation " + UUID.randomUUID() + "\"}"))
                .get("id").asString();
        String user = created(onA.post("/api/v1/users/invitations",
                "{\"email\":\"propagation-" + UUID.randomUUID() + "@toolyard.test\"}")).get("user").get("id").asString();
        String group = created(onA.post("/api/v1/groups", "{\"name\":\"Propagation " + UUID.randomUUID() + "\"}"))
                .get("id").asString();
        grant(onA, group, app, "USE");

        awaitNodeB();
        var onB = new ApiClient(nodeBPort, token);
        String explain = "/api/v1/access/explain?user=" + user + "&app=" + app;
        // Node B loads and caches the space's snapshot here, so what follows must reach it by NOTIFY.
        assertThat(effective(onB.get(explain))).isNull();

        var membershipDelays = new ArrayList<Long>();
        var grantDelays = new ArrayList<Long>();
        String[] levels = { "EDIT", "OWN", "USE", "EDIT", "USE" };
        String level = "USE";
        for (int round = 0; round < ROUNDS; round++) {
            assertThat(onA.send("PUT", "/api/v1/groups/" + group + "/members/" + user, null).status()).isEqualTo(204);
            membershipDelays.add(millisUntil(onB, explain, level));

            level = levels[round];
            grant(onA, group, app, level);
            grantDelays.add(millisUntil(onB, explain, level));

            assertThat(onA.delete("/api/v1/groups/" + group + "/members/" + user).status()).isEqualTo(204);
            membershipDelays.add(millisUntil(onB, explain, null));
        }

        System.out.printf("Node B answered with membership changes after %s ms, with grant changes after %s ms%n",
                membershipDelays, grantDelays);
        assertThat(membershipDelays).allSatisfy(delay -> assertThat(delay).isLessThan(PATIENCE.toMillis()));
        assertThat(grantDelays).allSatisfy(delay -> assertThat(delay).isLessThan(PATIENCE.toMillis()));
    }

    private static void grant(ApiClient client, String group, String app, String level) {
        var response = client.send("PUT", "/api/v1/groups/" + group + "/access",
                "{\"apps\":{\"" + app + "\":\"" + level + "\"}}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /**
     * Milliseconds from node A's answer (the change is committed by then) until node B first answers
     * with {@code expected}; fails after {@link #PATIENCE}.
     */
    private static long millisUntil(ApiClient nodeB, String path, String expected) throws InterruptedException {
        long committed = System.nanoTime();
        long deadline = committed + PATIENCE.toNanos();
        String seen;
        do {
            seen = effective(nodeB.get(path));
            if (Objects.equals(seen, expected)) {
                return (System.nanoTime() - committed) / 1_000_000;
            }
            Thread.sleep(5);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Node B still answered " + seen + " instead of " + expected + " after " + PATIENCE);
    }

    private static String effective(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        var effective = response.json().get("effective");
        return effective == null || effective.isNull() ? null : effective.asString();
    }

    private static tools.jackson.databind.JsonNode created(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private void awaitNodeB() throws IOException, InterruptedException {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // Readiness, not overall health: with no SMTP server configured the mail check reports DOWN.
        var readiness = HttpRequest.newBuilder(
                URI.create("http://localhost:" + nodeBPort + "/actuator/health/readiness")).build();
        long deadline = System.nanoTime() + NODE_START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!nodeB.isAlive()) {
                throw new AssertionError("Node B stopped:\n" + tail(nodeBLog));
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Still starting.
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Node B did not start within " + NODE_START + ":\n" + tail(nodeBLog));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
