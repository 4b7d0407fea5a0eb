package dev.toolyard.scim;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.toolyard.shared.SpaceId;

/** {@code scim_users}: SCIM's own rows; a filter runs here as one query with bound parameters. */
@Repository
class ScimUserRepository {

    private final JdbcClient jdbc;
    private final ScimTable<ScimUserRow> table;

    ScimUserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.table = new ScimTable<>(jdbc, "scim_users", ScimUserRepository::map);
    }

    Optional<ScimUserRow> find(SpaceId space, UUID user, boolean forUpdate) {
        return jdbc.sql("select * from scim_users where space_id = ? and user_id = ?" + (forUpdate ? " for update" : ""))
                .params(space.value(), user).query(ScimUserRepository::map).optional();
    }

    Optional<ScimUserRow> findByUserName(SpaceId space, String userName) {
        return jdbc.sql("select * from scim_users where space_id = ? and lower(user_name) = lower(?)")
                .params(space.value(), userName).query(ScimUserRepository::map).optional();
    }

    boolean exists(SpaceId space, UUID user) {
        return jdbc.sql("select exists (select 1 from scim_users where space_id = ? and user_id = ?)")
                .params(space.value(), user).query(Boolean.class).single();
    }

    void insert(SpaceId space, ScimUserRow row) {
        jdbc.sql("""
                insert into scim_users (space_id, user_id, external_id, user_name, given_name, family_name, display_name,
                                        emails, enterprise, active, version, created_at, last_modified)
                values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?)""")
                .params(space.value(), row.userId(), row.externalId(), row.userName(), row.givenName(),
                        row.familyName(), row.displayName(), row.emailsJson(), row.enterpriseJson(), row.active(),
                        row.version(), utc(row.created()), utc(row.lastModified()))
                .update();
    }

    void update(SpaceId space, ScimUserRow row) {
        jdbc.sql("""
                update scim_users set external_id = ?, user_name = ?, given_name = ?, family_name = ?, display_name = ?,
                                      emails = cast(? as jsonb), enterprise = cast(? as jsonb), active = ?, version = ?,
                                      last_modified = ?
                where space_id = ? and user_id = ?""")
                .params(row.externalId(), row.userName(), row.givenName(), row.familyName(), row.displayName(),
                        row.emailsJson(), row.enterpriseJson(), row.active(), row.version(), utc(row.lastModified()),
                        space.value(), row.userId())
                .update();
    }

    void delete(SpaceId space, UUID user) {
        jdbc.sql("delete from scim_users where space_id = ? and user_id = ?").params(space.value(), user).update();
    }

    /**
     * Keeps the copy in step when identity changes a person another way (another space's
     * provider, an invitation accepted elsewhere): e-mail and names everywhere, the state here.
     */
    void refreshIdentity(SpaceId space, UUID user, String email, String givenName, String familyName, Boolean active,
            Instant at) {
        jdbc.sql("""
                update scim_users set user_name = :email, given_name = :given, family_name = :family,
                                      active = case when space_id = :space and cast(:active as boolean) is not null
                                                    then cast(:active as boolean) else active end,
                                      version = version + 1, last_modified = :at
                where user_id = :user
                  and ((user_name, given_name, family_name) is distinct from (:email, :given, :family)
                       or space_id = :space and cast(:active as boolean) is not null
                          and active <> cast(:active as boolean))""")
                .param("email", email).param("given", givenName).param("family", familyName)
                .param("space", space.value()).param("active", active, Types.BOOLEAN)
                .param("at", utc(at)).param("user", user).update();
    }

    ScimTable.Listed<ScimUserRow> list(SpaceId space, ListRequest request, SqlFilter.Attributes attributes, String order) {
        return table.list(space, request, attributes, order);
    }

    private static ScimUserRow map(ResultSet rs, int row) throws SQLException {
        return new ScimUserRow(rs.getObject("user_id", UUID.class), rs.getString("external_id"),
                rs.getString("user_name"), rs.getString("given_name"), rs.getString("family_name"),
                rs.getString("display_name"), rs.getString("emails"), rs.getString("enterprise"),
                rs.getBoolean("active"), rs.getLong("version"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("last_modified", OffsetDateTime.class).toInstant());
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
