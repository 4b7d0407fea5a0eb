package dev.toolyard.resources;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.toolyard.shared.ResourceId;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Configurations per (resource, environment); secrets arrive and leave sealed by SecretBox. */
@Repository
class ConfigurationRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> VALUES = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, String>> SEALED = new TypeReference<>() {
    };

    /** {@code sealed}: each write-only field's SecretBox value. */
    record Stored(UUID resource, UUID environment, Map<String, Object> values, Map<String, String> sealed,
            UUID revision, Instant updatedAt) {
    }

    private final JdbcClient jdbc;

    ConfigurationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Stored> find(ResourceId resource, UUID environment) {
        return jdbc.sql("select * from resource_configurations where resource_id = ? and environment_id = ?")
                .params(resource.value(), environment).query(ConfigurationRepository::map).optional();
    }

    List<Stored> forResource(ResourceId resource) {
        return jdbc.sql("select * from resource_configurations where resource_id = ?")
                .param(resource.value()).query(ConfigurationRepository::map).list();
    }

    void save(Stored stored) {
        jdbc.sql("""
                insert into resource_configurations (resource_id, environment_id, settings, secrets, revision, updated_at)
                values (?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?)
                on conflict (resource_id, environment_id) do update
                set settings = excluded.settings, secrets = excluded.secrets, revision = excluded.revision,
                    updated_at = excluded.updated_at""")
                .params(stored.resource(), stored.environment(), JSON.writeValueAsString(stored.values()),
                        JSON.writeValueAsString(stored.sealed()), stored.revision(),
                        stored.updatedAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    boolean delete(ResourceId resource, UUID environment) {
        return jdbc.sql("delete from resource_configurations where resource_id = ? and environment_id = ?")
                .params(resource.value(), environment).update() > 0;
    }

    private static Stored map(ResultSet rs, int row) throws SQLException {
        return new Stored(rs.getObject("resource_id", UUID.class), rs.getObject("environment_id", UUID.class),
                JSON.readValue(rs.getString("settings"), VALUES), JSON.readValue(rs.getString("secrets"), SEALED),
                rs.getObject("revision", UUID.class), rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
