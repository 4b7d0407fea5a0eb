package dev.toolyard.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.zaxxer.hikari.HikariDataSource;

import dev.toolyard.testing.ToolyardTest;

/**
 * Listeners borrow their connection from the pool and give it back when stopped (Spring's test
 * contexts are paused that way, a node's shutdown too). A LISTEN must not stay on a pooled
 * connection: the next listener to borrow it would hear another channel's notifications — the
 * access engine once took the read caches' table names for space ids.
 */
@ToolyardTest
class ChannelListenerTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aListenerHearsOnlyItsChannelOnAConnectionAnotherListenerGaveBack() throws Exception {
        var shared = (HikariDataSource) dataSource;
        try (var pool = new HikariDataSource()) {
            pool.setJdbcUrl(shared.getJdbcUrl());
            pool.setUsername(shared.getUsername());
            pool.setPassword(shared.getPassword());
            pool.setMaximumPoolSize(1);

            var first = new Recording(pool, "channel_listener_test_a");
            first.start();
            awaitListening(first);
            first.stop();

            var second = new Recording(pool, "channel_listener_test_b");
            second.start();
            awaitListening(second);
            jdbc.sql("select pg_notify('channel_listener_test_a', 'not for b')").query().singleRow();
            jdbc.sql("select pg_notify('channel_listener_test_b', 'for b')").query().singleRow();
            await(() -> second.payloads.contains("for b"));
            second.stop();

            assertThat(second.payloads).containsExactly("for b");
        }
    }

    private static void awaitListening(Recording listener) {
        await(() -> listener.listening);
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        var deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited 10 s").isBefore(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static final class Recording extends ChannelListener {

        final List<String> payloads = new CopyOnWriteArrayList<>();
        volatile boolean listening;

        Recording(DataSource dataSource, String channel) {
            super(dataSource, channel, "test-" + channel);
        }

        @Override
        protected void listening(Connection connection, boolean again) {
            listening = true;
        }

        @Override
        protected void notified(Connection connection, String payload) {
            payloads.add(payload);
        }

        @Override
        protected void lost(SQLException cause) {
            listening = false;
        }
    }
}
