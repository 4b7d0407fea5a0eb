package dev.toolyard.sample;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.toolyard.shared.AppId;
import dev.toolyard.shared.ResourceId;

@Repository
class SampleSetupRepository {

    record Decision(String outcome, String database, ResourceId resource, AppId app, Integer port) {
    }

    private final JdbcClient jdbc;

    SampleSetupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Serialises deciding across nodes that start together: the second waits, then sees the decision. */
    Optional<Decision> lockAndFind() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('toolyard.sample_setup'))").query().singleRow();
        return find();
    }

    Optional<Decision> find() {
        return jdbc.sql("select outcome, database_name, resource_id, app_id, port from sample_setup")
                .query((rows, n) -> new Decision(rows.getString(1), rows.getString(2),
                        id(rows.getObject(3, UUID.class), ResourceId::new), id(rows.getObject(4, UUID.class), AppId::new),
                        rows.getObject(5, Integer.class)))
                .optional();
    }

    void created(String database, ResourceId resource, AppId app, int port, Instant at) {
        jdbc.sql("insert into sample_setup (outcome, database_name, resource_id, app_id, port, decided_at)"
                + " values ('created', ?, ?, ?, ?, ?)")
                .params(database, resource.value(), app.value(), port, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .update();
    }

    void repointed(int port) {
        jdbc.sql("update sample_setup set port = ?").param(port).update();
    }

    private static <T> T id(UUID value, Function<UUID, T> type) {
        return value == null ? null : type.apply(value);
    }
}
