package dev.toolyard.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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

    /** A pool over the embedded server it started: closing the pool stops the server. */
    static final class EmbeddedDatabase extends HikariDataSource {

        private final EmbeddedPostgres server;

        EmbeddedDatabase(Path directory) {
            this.server = start(directory);
            setJdbcUrl(server.getJdbcUrl("postgres", "postgres"));
            setUsername("postgres");
        }

        private static EmbeddedPostgres start(Path directory) {
            try {
                Files.createDirectories(directory);
                log.info("Starting the embedded PostgreSQL with its data in {}", directory.toAbsolutePath());
                return EmbeddedPostgres.builder()
                        .setDataDirectory(directory)
                        .setCleanDataDirectory(false)
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("The embedded PostgreSQL did not start in " + directory
                        + ": is another Toolyard using this data directory?", e);
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
