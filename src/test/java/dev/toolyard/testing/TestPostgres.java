package dev.toolyard.testing;

import java.net.URI;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Databases for PostgreSQL resources on the tests' PostgreSQL server ({@link TestDatabases}): a
 * resource configured with one of these connects to a real server, not a stand-in.
 */
public final class TestPostgres {

    private TestPostgres() {
    }

    /** Where a PostgreSQL resource connects, and as whom ({@code jdbcUrl} for the test's own setup). */
    public record Database(String host, int port, String name, String user, String jdbcUrl) {
    }

    public static Database createDatabase() {
        String url = TestDatabases.createDatabase();
        var uri = URI.create(url.substring("jdbc:".length()));
        String user = "postgres";
        for (String parameter : uri.getRawQuery() == null ? new String[0] : uri.getRawQuery().split("&")) {
            if (parameter.startsWith("user=")) {
                user = parameter.substring(5);
            }
        }
        return new Database(uri.getHost(), uri.getPort(), uri.getPath().substring(1), user, url);
    }

    /** Runs statements in the database as the test's administrator. */
    public static void run(Database database, String... statements) {
        try (var connection = DriverManager.getConnection(database.jdbcUrl());
                var statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + e.getMessage(), e);
        }
    }
}
