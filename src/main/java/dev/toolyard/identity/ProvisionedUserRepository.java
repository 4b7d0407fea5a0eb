package dev.toolyard.identity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/** The few writes provisioning needs beyond the users page's: a person's e-mail and names. */
@Repository
class ProvisionedUserRepository {

    private final JdbcClient jdbc;
    private final PresentedTokens presentedTokens;

    ProvisionedUserRepository(JdbcClient jdbc, PresentedTokens presentedTokens) {
        this.jdbc = jdbc;
        this.presentedTokens = presentedTokens;
    }

    /** Whether the person has a user record in any space but this one. */
    boolean memberElsewhere(UserId user, SpaceId space) {
        return jdbc.sql("select exists (select 1 from space_memberships where user_id = ? and space_id <> ?)")
                .params(user.value(), space.value()).query(Boolean.class).single();
    }

    void setIdentity(UserId user, String email, String firstName, String lastName) {
        jdbc.sql("update users set email = ?, first_name = ?, last_name = ? where id = ?")
                .params(email, firstName, lastName, user.value()).update();
        presentedTokens.changed();
    }
}
