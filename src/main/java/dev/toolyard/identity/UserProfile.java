package dev.toolyard.identity;

import java.util.Map;

import dev.toolyard.shared.UserId;

/** T-U7, T-CU1: a person as the apps of one space see them: names and that space's custom attributes. */
public record UserProfile(UserId id, String email, String firstName, String lastName, Map<String, String> attributes) {

    public UserProfile {
        attributes = Map.copyOf(attributes);
    }
}
