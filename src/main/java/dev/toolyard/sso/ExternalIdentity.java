package dev.toolyard.sso;

import java.util.List;
import java.util.Map;

/**
 * What an identity provider vouched for, after Toolyard verified its response: the provider's
 * subject, the person's e-mail, names and picture, the group or role values that role mapping
 * reads (T-ID4), and every claim or attribute as plain JSON values (T-CU1).
 */
public record ExternalIdentity(String subject, String email, String firstName, String lastName, String pictureUrl,
        List<String> groups, Map<String, Object> claims) {

    public ExternalIdentity {
        groups = groups == null ? List.of() : List.copyOf(groups);
        claims = claims == null ? Map.of() : claims;
    }
}
