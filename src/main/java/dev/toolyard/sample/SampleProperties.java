package dev.toolyard.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * T-D2, T-D4: {@code toolyard.sample.enabled} (unset: only on the embedded PostgreSQL; {@code true}
 * also beside an external database, whose user must then be allowed to create roles and
 * databases; {@code false}: never) and the name of the sample database (and of its role).
 */
@ConfigurationProperties("toolyard.sample")
record SampleProperties(Boolean enabled, String database) {

    SampleProperties {
        database = database == null || database.isBlank() ? "toolyard_sample" : database;
    }

    boolean enabledOn(boolean embedded) {
        return enabled == null ? embedded : enabled;
    }
}
