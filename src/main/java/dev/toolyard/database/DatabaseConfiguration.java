package dev.toolyard.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DatabaseProperties properties) {
        var db = properties.db();
        if (db.external()) {
            log.info("Using the external PostgreSQL at {}", withoutCredentials(db.url()));
            return DataSourceBuilder.create().type(HikariDataSource.class)
                    .url(db.url()).username(db.user()).password(db.password()).build();
        }
        return new EmbeddedDatabase(properties.dataDir().resolve("postgres"));
    }

    @Bean
    DatabaseServer databaseServer(HikariDataSource dataSource) {
        return new DatabaseServer(dataSource instanceof EmbeddedDatabase, dataSource.getJdbcUrl(),
                dataSource.getUsername(), dataSource.getPassword());
    }

    private static String withoutCredentials(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /**
     * A pool over the embedded server it started: closing the pool stops the server.
     * <p>
     * The server's superuser has a random password kept beside the data (created on first start,
     * readable by Toolyard's OS user only), and the server asks every connection for it. initdb
     * leaves a new server open to anyone on the machine: anyone who may edit a resource could then
     * point it at this server as the superuser and own Toolyard's database.
     */
    static final class EmbeddedDatabase extends HikariDataSource {

        static final String PASSWORD_FILE = "postgres-superuser.password";
        private static final String LOCKED_ACCESS = """
                # Written by Toolyard: every connection to the embedded server gives a password.
                local all all scram-sha-256
                host all all 127.0.0.1/32 scram-sha-256
                host all all ::1/128 scram-sha-256
                """;

        private final EmbeddedPostgres server;

        EmbeddedDatabase(Path directory) {
            String password = superuserPassword(directory.resolveSibling(PASSWORD_FILE));
            this.server = start(directory, password);
            lock(server, directory, password);
            setJdbcUrl(server.getJdbcUrl("postgres", "postgres"));
            setUsername("postgres");
            setPassword(password);
        }

        private static EmbeddedPostgres start(Path directory, String password) {
            try {
                Files.createDirectories(directory);
                log.info("Starting the embedded PostgreSQL with its data in {}", directory.toAbsolutePath());
                // zonky is made for tests: it starts the server with fsync and synchronous commits off,
                // which could lose or corrupt an instance's data in a crash. These are real data.
                return EmbeddedPostgres.builder()
                        .setDataDirectory(directory)
                        .setCleanDataDirectory(false)
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setConnectConfig("password", password)
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("The embedded PostgreSQL did not start in " + directory
                        + ": is another Toolyard using this data directory?", e);
            }
        }

        private static String superuserPassword(Path file) {
            try {
                if (Files.exists(file)) {
                    return Files.readString(file).strip();
                }
                Files.createDirectories(file.getParent());
                var bytes = new byte[32];
                new SecureRandom().nextBytes(bytes);
                String password = HexFormat.of().formatHex(bytes);
                Files.writeString(file, password + "\n");
                if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
                return password;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot keep the embedded PostgreSQL's password in " + file, e);
            }
        }

        /** Sets the password and has the server require it; a no-op once done (later starts). */
        private static void lock(EmbeddedPostgres server, Path directory, String password) {
            var access = directory.resolve("pg_hba.conf");
            try {
                if (Files.readString(access).equals(LOCKED_ACCESS)) {
                    return;
                }
                try (var connection = server.getPostgresDatabase().getConnection();
                        var statement = connection.createStatement()) {
                    statement.execute("alter role postgres password '" + password + "'");
                    Files.writeString(access, LOCKED_ACCESS);
                    statement.execute("select pg_reload_conf()");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot require a password on the embedded PostgreSQL", e);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot set the embedded PostgreSQL's password", e);
            }
        }

        @Override
        public void close() {
            super.close();
            try {
                server.close();
            } catch (IOException e) {
                log.warn("The embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }
}
