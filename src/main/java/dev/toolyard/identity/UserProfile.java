package dev.toolyard.identity;

import java.util.Map;

import dev.toolyard.shared.UserId;

/**
 * T-U7, T-CU1: a person as the apps of one space see them: names, that space's custom attributes,
 * and the picture an identity provider gave (null when none did, T-ID3).
 */
public record UserProfile(UserId id, String email, String firstName, String lastName, Map<String, String> attributes,
        String pictureUrl) {

    public UserProfile {
        attributes = Map.copyOf(attributes);
    }
}
