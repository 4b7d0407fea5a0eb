package dev.toolyard.shared;

import java.util.Arrays;
import java.util.Optional;

/** T-API2: what an access token may do, read or write per area. */
public enum ApiScope {
    SPACES_READ("spaces:read", "List and read spaces"),
    SPACES_WRITE("spaces:write", "Create, rename and delete spaces"),
    USERS_READ("users:read", "List and read the users of the space"),
    USERS_WRITE("users:write", "Invite, approve, disable and edit users of the space"),
    GROUPS_READ("groups:read", "List groups, their members and their access"),
    GROUPS_WRITE("groups:write", "Create groups, change members and access"),
    APPS_READ("apps:read", "List folders and the apps you may use"),
    APPS_WRITE("apps:write", "Create, rename, move and delete folders and apps"),
    RESOURCES_READ("resources:read", "List resource folders and the resources you may use"),
    RESOURCES_WRITE("resources:write", "Create, rename, move and delete resource folders and resources"),
    QUERY_LIBRARY_READ("query-library:read", "List and read the library queries you may use, their versions and usage"),
    QUERY_LIBRARY_WRITE("query-library:write", "Create, publish, change and delete library queries"),
    QUERIES_RUN("queries:run", "Run the queries of the apps and the library queries you may use"),
    THEMES_WRITE("themes:write", "Create, change, delete themes and choose the space's default"),
    SSO_WRITE("sso:write", "Configure the space's identity providers and single sign-on settings"),
    TOKENS_READ("tokens:read", "List your access tokens"),
    TOKENS_WRITE("tokens:write", "Create and revoke access tokens"),
    AUDIT_READ("audit:read", "Read and verify the audit trail"),
    SCIM("scim", "Provision users and groups through SCIM 2.0"),
    METRICS_READ("metrics:read", "Scrape Prometheus metrics (instance admins only)");

    private final String value;
    private final String description;

    ApiScope(String value, String description) {
        this.value = value;
        this.description = description;
    }

    public String value() {
        return value;
    }

    public String description() {
        return description;
    }

    public static Optional<ApiScope> fromValue(String value) {
        return Arrays.stream(values()).filter(scope -> scope.value.equals(value)).findFirst();
    }
}
