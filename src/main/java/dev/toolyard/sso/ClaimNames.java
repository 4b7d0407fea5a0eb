package dev.toolyard.sso;

/**
 * Which claims (OIDC) or attributes (SAML) hold the person's e-mail, names, groups and picture.
 * Dotted names reach into nested claims, e.g. {@code realm_access.roles}.
 */
public record ClaimNames(String email, String firstName, String lastName, String groups, String picture) {

    public static ClaimNames defaults(SsoProtocol protocol) {
        return switch (protocol) {
            case OIDC -> new ClaimNames("email", "given_name", "family_name", "groups", "picture");
            case SAML -> new ClaimNames("email", "firstName", "lastName", "groups", "picture");
        };
    }
}
