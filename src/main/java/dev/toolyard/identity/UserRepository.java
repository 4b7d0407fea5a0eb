package dev.toolyard.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

@Repository
class UserRepository {

    private static final String EXTERNAL_ACCOUNT = """
            select u.id, u.email, u.first_name, u.last_name, u.picture_url, u.password_hash is not null as local_password,
                   m.state
            from users u left join space_memberships m on m.user_id = u.id and m.space_id = ?""";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(User user, String passwordHash) {
        jdbc.sql("""
                insert into users (id, email, first_name, last_name, password_hash, created_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(user.id().value(), user.email(), user.firstName(), user.lastName(), passwordHash,
                        utc(user.createdAt()))
                .update();
    }

    boolean emailTaken(String email) {
        return jdbc.sql("select exists (select 1 from users where lower(email) = lower(?))")
                .param(email).query(Boolean.class).single();
    }

    Optional<User> find(UserId id) {
        return jdbc.sql("select * from users where id = ?").param(id.value()).query(UserRepository::map).optional();
    }

    /** A user with the password hash, for sign-in only. */
    Optional<Credentials> findCredentials(String email) {
        return jdbc.sql("select * from users where lower(email) = lower(?)").param(email)
                .query((rs, n) -> new Credentials(map(rs, n), rs.getString("password_hash"))).optional();
    }

    /** The user's password hash; empty when they have no local password. */
    Optional<String> passwordHash(UserId id) {
        return jdbc.sql("select password_hash from users where id = ? and password_hash is not null")
                .param(id.value()).query(String.class).optional();
    }

    void setPasswordHash(UserId id, String passwordHash) {
        jdbc.sql("update users set password_hash = ? where id = ?").params(passwordHash, id.value()).update();
    }

    void setProfile(UserId id, String firstName, String lastName, String passwordHash) {
        jdbc.sql("update users set first_name = ?, last_name = ?, password_hash = ? where id = ?")
                .params(firstName, lastName, passwordHash, id.value()).update();
    }

    void setNames(UserId id, String firstName, String lastName) {
        jdbc.sql("update users set first_name = ?, last_name = ? where id = ?")
                .params(firstName, lastName, id.value()).update();
    }

    /** T-ID3: the picture the identity provider gave; null removes it. */
    void setPictureUrl(UserId id, String pictureUrl) {
        jdbc.sql("update users set picture_url = ? where id = ?").params(pictureUrl, id.value()).update();
    }

    Optional<String> pictureUrl(UserId id) {
        return jdbc.sql("select picture_url from users where id = ? and picture_url is not null")
                .param(id.value()).query(String.class).optional();
    }

    /** The person with this e-mail (any case) as single sign-on sees them in the space, in one statement. */
    Optional<ExternalAccount> externalAccount(SpaceId space, String email) {
        return jdbc.sql(EXTERNAL_ACCOUNT + " where lower(u.email) = lower(?)").params(space.value(), email)
                .query(UserRepository::mapExternalAccount).optional();
    }

    Optional<ExternalAccount> externalAccount(SpaceId space, UserId id) {
        return jdbc.sql(EXTERNAL_ACCOUNT + " where u.id = ?").params(space.value(), id.value())
                .query(UserRepository::mapExternalAccount).optional();
    }

    private static ExternalAccount mapExternalAccount(ResultSet rs, int row) throws SQLException {
        String state = rs.getString("state");
        return new ExternalAccount(new UserId(rs.getObject("id", UUID.class)), rs.getString("email"),
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("picture_url"),
                state == null ? null : UserState.valueOf(state), rs.getBoolean("local_password"));
    }

    void recordSignIn(UserId id, Instant at) {
        jdbc.sql("update users set last_sign_in_at = ? where id = ?").params(utc(at), id.value()).update();
    }

    void addMembership(SpaceId space, UserId user, UserState state, Instant at) {
        jdbc.sql("""
                insert into space_memberships (space_id, user_id, state, created_at)
                values (?, ?, ?, ?)
                on conflict (space_id, user_id) do update set state = excluded.state""")
                .params(space.value(), user.value(), state.name(), utc(at)).update();
    }

    boolean isEnabledIn(SpaceId space, UserId user) {
        return jdbc.sql("""
                select exists (select 1 from space_memberships
                               where space_id = ? and user_id = ? and state = 'ENABLED')""")
                .params(space.value(), user.value()).query(Boolean.class).single();
    }

    /** The space a person lands in: the admin space when they are in it, else their oldest. */
    Optional<SpaceId> defaultSpace(UserId user, SpaceId adminSpace) {
        return jdbc.sql("""
                select space_id from space_memberships where user_id = ? and state = 'ENABLED'
                order by (space_id = ?) desc, created_at, space_id limit 1""")
                .params(user.value(), adminSpace.value())
                .query((rs, n) -> new SpaceId(rs.getObject("space_id", UUID.class))).optional();
    }

    /** Every space the person is enabled in, in the order {@link #defaultSpace} prefers them. */
    List<SpaceId> enabledSpacesInOrder(UserId user, SpaceId adminSpace) {
        return jdbc.sql("""
                select space_id from space_memberships where user_id = ? and state = 'ENABLED'
                order by (space_id = ?) desc, created_at, space_id""")
                .params(user.value(), adminSpace.value())
                .query((rs, n) -> new SpaceId(rs.getObject("space_id", UUID.class))).list();
    }

    /** Written at most once a minute per person and space: activity must not cost a write per request. */
    void touchActivity(SpaceId space, UserId user, Instant at) {
        jdbc.sql("""
                update space_memberships set last_active_at = ?
                where space_id = ? and user_id = ? and (last_active_at is null or last_active_at < ?)""")
                .params(utc(at), space.value(), user.value(), utc(at.minus(Activity.INTERVAL))).update();
    }

    Set<SpaceId> enabledSpaces(UserId user) {
        return new HashSet<>(jdbc.sql("select space_id from space_memberships where user_id = ? and state = 'ENABLED'")
                .param(user.value()).query((rs, n) -> new SpaceId(rs.getObject("space_id", UUID.class))).list());
    }

    record Credentials(User user, String passwordHash) {
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        var lastSignIn = rs.getObject("last_sign_in_at", OffsetDateTime.class);
        return new User(new UserId(rs.getObject("id", UUID.class)), rs.getString("email"),
                rs.getString("first_name"), rs.getString("last_name"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                lastSignIn == null ? null : lastSignIn.toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
