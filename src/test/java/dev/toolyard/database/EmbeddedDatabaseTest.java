package dev.toolyard.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * T-D1: the embedded server keeps real data, so it commits durably. With T-SEC1: the embedded server (no TOOLYARD_DB_URL) asks every connection for its
 * superuser's password. Otherwise anyone who may edit a resource could point it at this server as
 * the superuser and read or change Toolyard's own database.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void theEmbeddedServerRefusesConnectionsWithoutItsPasswordAcrossRestarts() throws Exception {
        Path directory = dataDir.resolve("postgres");
        String url;
        try (var database = new DatabaseConfiguration.EmbeddedDatabase(directory)) {
            url = database.getJdbcUrl();
            try (var connection = database.getConnection(); var statement = connection.createStatement()) {
                assertThat(statement.executeQuery("select current_user").next()).isTrue();
            }
            assertRefused(url, null);
            assertRefused(url, "not the password");
        }
        Path passwordFile = dataDir.resolve(DatabaseConfiguration.EmbeddedDatabase.PASSWORD_FILE);
        assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        try (var restarted = new DatabaseConfiguration.EmbeddedDatabase(directory)) {
            try (var connection = restarted.getConnection(); var statement = connection.createStatement()) {
                assertThat(statement.executeQuery("select 1").next()).isTrue();
            }
            assertRefused(restarted.getJdbcUrl(), null);
            var properties = new Properties();
            properties.setProperty("user", "postgres");
            properties.setProperty("password", Files.readString(passwordFile).strip());
            try (var connection = DriverManager.getConnection(restarted.getJdbcUrl(), properties)) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void theEmbeddedServerWritesCommitsDurably() throws Exception {
        try (var database = new DatabaseConfiguration.EmbeddedDatabase(dataDir.resolve("postgres"));
                var connection = database.getConnection(); var statement = connection.createStatement()) {
            for (String setting : new String[] { "fsync", "synchronous_commit", "full_page_writes" }) {
                var result = statement.executeQuery("show " + setting);
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).as(setting).isEqualTo("on");
            }
        }
    }

    private static void assertRefused(String url, String password) {
        var properties = new Properties();
        properties.setProperty("user", "postgres");
        if (password != null) {
            properties.setProperty("password", password);
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url, properties).close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("28P01", "08004"));
    }
}
