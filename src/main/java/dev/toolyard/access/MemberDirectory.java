package dev.toolyard.access;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/**
 * Who the members of a group are, in people's terms, told by the module that owns users. Access
 * keeps only user ids.
 */
public interface MemberDirectory {

    record Member(UserId id, String name, String email, String state) {
    }

    List<Member> describe(SpaceId space, Collection<UserId> users);

    /** The user's state in the space ("ENABLED", "SUGGESTED"…), empty when not a user of it. */
    Optional<String> state(SpaceId space, UserId user);

    /** Users of the space who are not disabled: the members of All Users. */
    long activeUsers(SpaceId space);
}
