package dev.toolyard.identity;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/** T-ID1: TOTP enrolments, recovery codes (as hashes) and the spaces that require a second factor. */
@Component
class TwoFactorRepository {

    private final JdbcClient jdbc;

    TwoFactorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A person's enrolment: confirmed, or still waiting for its first code. The secret is sealed. */
    record Enrolment(String sealedSecret, Instant createdAt, Instant confirmedAt) {

        boolean confirmed() {
            return confirmedAt != null;
        }
    }

    Optional<Enrolment> find(UserId user) {
        return jdbc.sql("select secret, created_at, confirmed_at from two_factor_enrolments where user_id = ?")
                .param(user.value())
                .query((rs, n) -> {
                    var confirmed = rs.getObject("confirmed_at", OffsetDateTime.class);
                    return new Enrolment(rs.getString("secret"), rs.getObject("created_at", OffsetDateTime.class)
                            .toInstant(), confirmed == null ? null : confirmed.toInstant());
                })
                .optional();
    }

    boolean enrolled(UserId user) {
        return jdbc.sql("select exists (select 1 from two_factor_enrolments where user_id = ? and confirmed_at is not null)")
                .param(user.value()).query(Boolean.class).single();
    }

    /** Starts (or starts again) an enrolment; a confirmed one is left alone and false returned. */
    boolean start(UserId user, String sealedSecret, Instant now) {
        return jdbc.sql("""
                insert into two_factor_enrolments (user_id, secret, created_at) values (?, ?, ?)
                on conflict (user_id) do update set secret = excluded.secret, created_at = excluded.created_at,
                    last_used_step = null
                where two_factor_enrolments.confirmed_at is null""")
                .params(user.value(), sealedSecret, utc(now)).update() == 1;
    }

    /** Confirms the enrolment with the step of its first code, which can then not be used again. */
    boolean confirm(UserId user, long step, Instant now) {
        return jdbc.sql("""
                update two_factor_enrolments set confirmed_at = ?, last_used_step = ?
                where user_id = ? and confirmed_at is null""")
                .params(utc(now), step, user.value()).update() == 1;
    }

    /** Takes the step for a confirmed enrolment unless it, or a later one, was used: one statement, so two nodes cannot both accept it. */
    boolean useStep(UserId user, long step) {
        return jdbc.sql("""
                update two_factor_enrolments set last_used_step = ?
                where user_id = ? and confirmed_at is not null and (last_used_step is null or last_used_step < ?)""")
                .params(step, user.value(), step).update() == 1;
    }

    /** Removes the enrolment and its recovery codes; whether there was a confirmed one. */
    boolean remove(UserId user) {
        jdbc.sql("delete from two_factor_recovery_codes where user_id = ?").param(user.value()).update();
        return jdbc.sql("delete from two_factor_enrolments where user_id = ? returning confirmed_at is not null")
                .param(user.value()).query(Boolean.class).optional().orElse(false);
    }

    void replaceRecoveryCodes(UserId user, List<String> hashes) {
        jdbc.sql("delete from two_factor_recovery_codes where user_id = ?").param(user.value()).update();
        hashes.forEach(hash -> jdbc.sql("insert into two_factor_recovery_codes (user_id, code_hash) values (?, ?)")
                .params(user.value(), hash).update());
    }

    boolean useRecoveryCode(UserId user, String hash, Instant now) {
        return jdbc.sql("""
                update two_factor_recovery_codes set used_at = ?
                where user_id = ? and code_hash = ? and used_at is null""")
                .params(utc(now), user.value(), hash).update() == 1;
    }

    int recoveryCodesLeft(UserId user) {
        return jdbc.sql("select count(*) from two_factor_recovery_codes where user_id = ? and used_at is null")
                .param(user.value()).query(Integer.class).single();
    }

    boolean requiredIn(SpaceId space) {
        return jdbc.sql("select exists (select 1 from space_two_factor_requirements where space_id = ?)")
                .param(space.value()).query(Boolean.class).single();
    }

    /** Which of these spaces require a second factor. */
    Set<SpaceId> requiring(Collection<SpaceId> spaces) {
        if (spaces.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select space_id from space_two_factor_requirements where space_id in (:spaces)")
                .param("spaces", spaces.stream().map(SpaceId::value).toList())
                .query((rs, n) -> new SpaceId(rs.getObject("space_id", UUID.class))).list());
    }

    /** Whether the person is enabled in a space that requires a second factor. */
    boolean requiredFor(UserId user) {
        return jdbc.sql("""
                select exists (select 1 from space_memberships m
                               join space_two_factor_requirements r on r.space_id = m.space_id
                               where m.user_id = ? and m.state = 'ENABLED')""")
                .param(user.value()).query(Boolean.class).single();
    }

    /** The space a password-only session lands in: like {@link UserRepository#defaultSpace}, among spaces that do not require two-factor. */
    Optional<SpaceId> defaultSpaceWithoutRequirement(UserId user, SpaceId adminSpace) {
        return jdbc.sql("""
                select m.space_id from space_memberships m
                where m.user_id = ? and m.state = 'ENABLED'
                  and not exists (select 1 from space_two_factor_requirements r where r.space_id = m.space_id)
                order by (m.space_id = ?) desc, m.created_at, m.space_id limit 1""")
                .params(user.value(), adminSpace.value())
                .query((rs, n) -> new SpaceId(rs.getObject("space_id", UUID.class))).optional();
    }

    void require(SpaceId space, UserId by, Instant now) {
        jdbc.sql("""
                insert into space_two_factor_requirements (space_id, required_at, required_by) values (?, ?, ?)
                on conflict (space_id) do nothing""")
                .params(space.value(), utc(now), by.value()).update();
    }

    void stopRequiring(SpaceId space) {
        jdbc.sql("delete from space_two_factor_requirements where space_id = ?").param(space.value()).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
