package dev.toolyard.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import dev.toolyard.ToolyardApplication;
import dev.toolyard.testing.ApiClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * T-OP1: readiness follows the database, down while it is gone and up when it is back, without
 * a restart. Uses a PostgreSQL of its own, because it stops it.
 */
class ReadinessTest {

    @Test
    void readinessGoesDownWithTheDatabaseAndComesBackWithoutARestart() throws Exception {
        Path data = Files.createTempDirectory("toolyard-readiness");
        int databasePort = freePort();
        var database = start(data, databasePort);
        try (var app = new SpringApplicationBuilder(ToolyardApplication.class).run(
                "--toolyard.db.url=" + database.getJdbcUrl("postgres", "postgres"), "--server.port=0",
                "--toolyard.data-dir=target/test-data", "--toolyard.admin.email=ops@example.com",
                "--toolyard.admin.password=a long and private phrase")) {
            var health = new ApiClient(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")), null);
            assertThat(readiness(health)).isEqualTo(200);

            database.close();
            assertThat(eventually(Duration.ofSeconds(60), () -> readiness(health), status -> status == 503))
                    .as("readiness while the database is down").isEqualTo(503);
            assertThat(health.get("/actuator/health/readiness").body()).isEqualTo("{\"status\":\"DOWN\"}");
            assertThat(health.get("/actuator/health/liveness").status()).isEqualTo(200);

            database = start(data, databasePort);
            assertThat(eventually(Duration.ofSeconds(60), () -> readiness(health), status -> status == 200))
                    .as("readiness once the database is back").isEqualTo(200);
        } finally {
            database.close();
        }
    }

    private static int readiness(ApiClient health) {
        return health.get("/actuator/health/readiness").status();
    }

    private static int eventually(Duration limit, IntSupplier probe, IntPredicate done)
            throws InterruptedException {
        var deadline = Instant.now().plus(limit);
        int last = probe.getAsInt();
        while (!done.test(last) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            last = probe.getAsInt();
        }
        return last;
    }

    private static EmbeddedPostgres start(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
