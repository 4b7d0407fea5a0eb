package dev.toolyard.scim;

import java.time.Instant;
import java.util.UUID;

/** SCIM's row for a provisioned user: the provider's data and the searchable copy of the rest. */
record ScimUserRow(UUID userId, String externalId, String userName, String givenName, String familyName,
        String displayName, String emailsJson, String enterpriseJson, boolean active, long version, Instant created,
        Instant lastModified) {

    String etag() {
        return ETags.of(version);
    }
}
