package dev.toolyard.themes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.toolyard.shared.Caller;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class ThemeRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    ThemeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** By name, as people read a list. */
    List<Theme> all(SpaceId space) {
        return jdbc.sql("select * from themes where space_id = ? order by lower(name), id")
                .param(space.value()).query(ThemeRepository::map).list();
    }

    Optional<Theme> find(SpaceId space, ThemeId id) {
        return jdbc.sql("select * from themes where space_id = ? and id = ?")
                .params(space.value(), id.value()).query(ThemeRepository::map).optional();
    }

    /** The theme, or the space's default when {@code id} is null or not one of the space's themes. */
    Optional<Theme> chosenOrDefault(SpaceId space, ThemeId id) {
        return jdbc.sql("""
                select * from themes where space_id = ? and (id = ? or is_default)
                order by id = ? desc limit 1""")
                .params(space.value(), id == null ? null : id.value(), id == null ? null : id.value())
                .query(ThemeRepository::map).optional();
    }

    boolean exists(SpaceId space, ThemeId id) {
        return jdbc.sql("select exists (select 1 from themes where space_id = ? and id = ?)")
                .params(space.value(), id.value()).query(Boolean.class).single();
    }

    boolean nameTaken(SpaceId space, String name, ThemeId except) {
        return jdbc.sql("select exists (select 1 from themes where space_id = ? and lower(name) = lower(?) and id <> ?)")
                .params(space.value(), name, except == null ? new UUID(0, 0) : except.value())
                .query(Boolean.class).single();
    }

    /** Serialises changes to a space's themes: the one-default rule spans rows. */
    void lock(SpaceId space) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('toolyard.themes:' || ?, 0))")
                .param(space.value().toString()).query().singleRow();
    }

    void insert(SpaceId space, Theme theme, Caller caller) {
        var at = theme.updatedAt().atOffset(ZoneOffset.UTC);
        UserId user = caller.system() ? null : caller.userId();
        jdbc.sql("""
                insert into themes (id, space_id, name, mode, tokens, is_default, created_by, created_by_label,
                                    created_at, updated_by, updated_by_label, updated_at)
                values (?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?)""")
                .params(theme.id().value(), space.value(), theme.name(), theme.mode().value(),
                        JSON.writeValueAsString(theme.tokens().asMap()), theme.isDefault(),
                        user == null ? null : user.value(), caller.label(), at,
                        user == null ? null : user.value(), caller.label(), at)
                .update();
    }

    void update(SpaceId space, Theme theme, Caller caller) {
        UserId user = caller.system() ? null : caller.userId();
        jdbc.sql("""
                update themes set name = ?, mode = ?, tokens = cast(? as jsonb), updated_by = ?,
                                  updated_by_label = ?, updated_at = ?
                where space_id = ? and id = ?""")
                .params(theme.name(), theme.mode().value(), JSON.writeValueAsString(theme.tokens().asMap()),
                        user == null ? null : user.value(), caller.label(), theme.updatedAt().atOffset(ZoneOffset.UTC),
                        space.value(), theme.id().value())
                .update();
    }

    /** Moves the default flag; the caller holds {@link #lock}. */
    void makeDefault(SpaceId space, ThemeId id) {
        jdbc.sql("update themes set is_default = false where space_id = ? and is_default and id <> ?")
                .params(space.value(), id.value()).update();
        jdbc.sql("update themes set is_default = true where space_id = ? and id = ?")
                .params(space.value(), id.value()).update();
    }

    void delete(SpaceId space, ThemeId id) {
        jdbc.sql("delete from themes where space_id = ? and id = ?").params(space.value(), id.value()).update();
    }

    private static Theme map(ResultSet rs, int row) throws SQLException {
        Map<String, Object> tokens = JSON.readValue(rs.getString("tokens"), MAP);
        Instant updatedAt = rs.getObject("updated_at", OffsetDateTime.class).toInstant();
        return new Theme(new ThemeId(rs.getObject("id", UUID.class)), rs.getString("name"),
                ThemeMode.of(rs.getString("mode")), rs.getBoolean("is_default"), ThemeTokens.of(tokens),
                rs.getString("updated_by_label"), updatedAt);
    }
}
