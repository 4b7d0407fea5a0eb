package dev.toolyard.queries;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.toolyard.access.GroupId;
import dev.toolyard.shared.UserId;

/**
 * T-CU1: the signed-in user as apps and queries see them. Built on the server from the
 * authenticated request only ({@link CurrentUsers}); never read from a request (T-CU5).
 *
 * @param groups every group of the user in the space, All Users included
 * @param attributes the custom user attributes of this space (T-U7)
 * @param claims SSO claims of the sign-in (e.g. the ID token's); empty for a password sign-in
 * @param picture the picture's URL an identity provider gave (T-ID3); null when none did
 */
public record CurrentUser(UserId id, String email, String firstName, String lastName, String fullName,
        List<Group> groups, Map<String, String> attributes, Map<String, Object> claims, String picture) {

    public record Group(GroupId id, String name) {
    }

    public CurrentUser {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(email, "email must not be null");
        groups = List.copyOf(groups);
        // Sorted and in order, so current_user reads the same on every run and on every node.
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    /**
     * The object expressions read as {@code current_user}, JSON-like, in the shape the browser
     * runtime gets too: {@code id, email, firstName, lastName, fullName, picture, groups: [{id, name}],
     * attributes: {…}, claims: {…}}.
     */
    public Map<String, Object> asMap() {
        var groupList = new ArrayList<Map<String, Object>>(groups.size());
        for (var group : groups) {
            var entry = new LinkedHashMap<String, Object>(4);
            entry.put("id", group.id().toString());
            entry.put("name", group.name());
            groupList.add(entry);
        }
        var map = new LinkedHashMap<String, Object>(16);
        map.put("id", id.toString());
        map.put("email", email);
        map.put("firstName", firstName);
        map.put("lastName", lastName);
        map.put("fullName", fullName);
        map.put("picture", picture);
        map.put("groups", groupList);
        map.put("attributes", new LinkedHashMap<>(attributes));
        map.put("claims", new LinkedHashMap<>(claims));
        return map;
    }
}
