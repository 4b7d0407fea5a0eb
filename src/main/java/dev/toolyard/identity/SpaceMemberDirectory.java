package dev.toolyard.identity;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.toolyard.access.MemberDirectory;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/** Tells the access module who the members of its groups are. */
@Component
class SpaceMemberDirectory implements MemberDirectory {

    private final JdbcClient jdbc;

    SpaceMemberDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Member> describe(SpaceId space, Collection<UserId> users) {
        if (users.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select u.id, u.email, u.first_name, u.last_name, m.state from users u
                join space_memberships m on m.user_id = u.id and m.space_id = :space
                where u.id in (:users)""")
                .param("space", space.value())
                .param("users", users.stream().map(UserId::value).toList())
                .query((rs, n) -> {
                    String name = (rs.getString("first_name") + " " + rs.getString("last_name")).strip();
                    return new Member(new UserId(rs.getObject("id", UUID.class)),
                            name.isEmpty() ? rs.getString("email") : name, rs.getString("email"), rs.getString("state"));
                }).list();
    }

    @Override
    public Optional<String> state(SpaceId space, UserId user) {
        return jdbc.sql("select state from space_memberships where space_id = ? and user_id = ?")
                .params(space.value(), user.value()).query(String.class).optional();
    }

    @Override
    public long activeUsers(SpaceId space) {
        return jdbc.sql("select count(*) from space_memberships where space_id = ? and state <> 'DISABLED'")
                .param(space.value()).query(Long.class).single();
    }
}
