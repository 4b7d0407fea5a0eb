package dev.toolyard.queries;


import org.springframework.stereotype.Service;

import dev.toolyard.access.AccessEngine;
import dev.toolyard.identity.SpaceUsers;
import dev.toolyard.shared.Caller;

/**
 * Builds {@link CurrentUser} for the caller of a request (T-CU1): names and attributes in one
 * query through identity, groups from the access engine's in-memory snapshot.
 */
@Service
public class CurrentUsers {

    private final SpaceUsers users;
    private final AccessEngine engine;

    CurrentUsers(SpaceUsers users, AccessEngine engine) {
        this.users = users;
        this.engine = engine;
    }

    public CurrentUser of(Caller caller) {
        var profile = users.profile(caller);
        var groups = engine.memberGroups(caller.spaceId(), caller.userId()).stream()
                .map(group -> new CurrentUser.Group(group.id(), group.name()))
                .toList();
        String fullName = (profile.firstName() + " " + profile.lastName()).strip();
        return new CurrentUser(profile.id(), profile.email(), profile.firstName(), profile.lastName(), fullName,
                groups, profile.attributes(), caller.claims(), profile.pictureUrl());
    }
}
