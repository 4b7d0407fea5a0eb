package dev.toolyard.resources;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.toolyard.access.GroupId;
import dev.toolyard.shared.ResourceId;
import dev.toolyard.shared.SpaceId;
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

    /**
     * What a run reads: the resource, the environment named (null when the space has none of that
     * name) and the resource's configuration for it (revision null when there is none). The
     * configuration's JSON stays unparsed: a node that knows the revision does not need it.
     */
    record RunRow(ResourceRepository.Row resource, EnvironmentRepository.Row environment, UUID revision,
            String settings, String secrets, Instant updatedAt) {

        Stored stored() {
            return new Stored(resource.id().value(), environment.id(), JSON.readValue(settings, VALUES),
                    JSON.readValue(secrets, SEALED), revision, updatedAt);
        }
    }

    private final JdbcClient jdbc;
    private final RunRowCache runRows;

    ConfigurationRepository(JdbcClient jdbc, RunRowCache runRows) {
        this.jdbc = jdbc;
        this.runRows = runRows;
    }

    Optional<Stored> find(ResourceId resource, UUID environment) {
        return jdbc.sql("select * from resource_configurations where resource_id = ? and environment_id = ?")
                .params(resource.value(), environment).query(ConfigurationRepository::map).optional();
    }

    /** A run's resource, environment and configuration in one statement: one round trip per run. */
    Optional<RunRow> forRun(SpaceId space, ResourceId resource, String environment) {
        return runRows.get(space, resource, environment, () -> read(space, resource, environment));
    }

    private Optional<RunRow> read(SpaceId space, ResourceId resource, String environment) {
        return jdbc.sql("""
                select r.id, r.folder_id, r.name, r.kind, r.created_at,
                    e.id as environment_id, e.name as environment_name, e.built_in as environment_built_in,
                    e.limited as environment_limited, e.created_at as environment_created_at,
                    array(select g.group_id from environment_groups g where g.environment_id = e.id
                          order by g.group_id) as environment_groups,
                    c.settings::text as settings, c.secrets::text as secrets, c.revision, c.updated_at
                from resources r
                left join environments e on e.space_id = r.space_id and lower(e.name) = lower(?)
                left join resource_configurations c on c.resource_id = r.id and c.environment_id = e.id
                where r.space_id = ? and r.id = ?""")
                .params(environment, space.value(), resource.value())
                .query((rs, n) -> {
                    var environmentId = rs.getObject("environment_id", UUID.class);
                    var groups = new ArrayList<GroupId>();
                    if (environmentId != null) {
                        for (UUID group : (UUID[]) rs.getArray("environment_groups").getArray()) {
                            groups.add(new GroupId(group));
                        }
                    }
                    var environmentRow = environmentId == null ? null : new EnvironmentRepository.Row(environmentId,
                            rs.getString("environment_name"), rs.getBoolean("environment_built_in"),
                            rs.getBoolean("environment_limited"), List.copyOf(groups),
                            rs.getObject("environment_created_at", OffsetDateTime.class).toInstant());
                    var updated = rs.getObject("updated_at", OffsetDateTime.class);
                    return new RunRow(ResourceRepository.map(rs, n), environmentRow, rs.getObject("revision", UUID.class),
                            rs.getString("settings"), rs.getString("secrets"),
                            updated == null ? null : updated.toInstant());
                })
                .optional();
    }

    List<Stored> forResource(ResourceId resource) {
        return jdbc.sql("select * from resource_configurations where resource_id = ?")
                .param(resource.value()).query(ConfigurationRepository::map).list();
    }

    void save(Stored stored) {
        runRows.changed();
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
        runRows.changed();
        return jdbc.sql("delete from resource_configurations where resource_id = ? and environment_id = ?")
                .params(resource.value(), environment).update() > 0;
    }

    private static Stored map(ResultSet rs, int row) throws SQLException {
        return new Stored(rs.getObject("resource_id", UUID.class), rs.getObject("environment_id", UUID.class),
                JSON.readValue(rs.getString("settings"), VALUES), JSON.readValue(rs.getString("secrets"), SEALED),
                rs.getObject("revision", UUID.class), rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
