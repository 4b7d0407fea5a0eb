package dev.toolyard.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * T-D4: {@code toolyard.db.*} and {@code toolyard.data-dir}, set by environment variables such
 * as {@code TOOLYARD_DB_URL} or by {@code application.yml}.
 */
@ConfigurationProperties("toolyard")
public record DatabaseProperties(Path dataDir, Db db) {

    public DatabaseProperties {
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        db = db == null ? new Db(null, null, null) : db;
    }

    public record Db(String url, String user, String password) {

        boolean external() {
            return url != null && !url.isBlank();
        }
    }
}
