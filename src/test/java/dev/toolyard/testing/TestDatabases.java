package dev.toolyard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One PostgreSQL server for the whole test run: the embedded one, or the server named by
 * {@code TOOLYARD_TEST_DB_URL} (CI points it at the machine's PostgreSQL 15). Each test context
 * gets a fresh database on it, so contexts never see each other's data.
 */
public final class TestDatabases {

    public static final String URL_VARIABLE = "TOOLYARD_TEST_DB_URL";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static String adminUrl;

    private TestDatabases() {
    }

    /** A new, empty database; its JDBC URL carries the user, so it is the only setting needed. */
    public static synchronized String createDatabase() {
        String name = "toolyard_test_" + COUNTER.incrementAndGet() + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        try (var connection = DriverManager.getConnection(adminUrl());
                var statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database " + name, e);
        }
        return withDatabase(adminUrl(), name);
    }

    public static boolean external() {
        String url = System.getenv(URL_VARIABLE);
        return url != null && !url.isBlank();
    }

    private static synchronized String adminUrl() {
        if (adminUrl == null) {
            adminUrl = external() ? System.getenv(URL_VARIABLE) : startEmbedded();
        }
        return adminUrl;
    }

    private static String startEmbedded() {
        try {
            var server = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    // The JVM is going away; the temporary data directory is removed by the library.
                }
            }));
            return server.getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL for tests did not start", e);
        }
    }

    /** Replaces the database name in a JDBC URL such as jdbc:postgresql://host:5432/postgres?user=x. */
    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
    }
}
