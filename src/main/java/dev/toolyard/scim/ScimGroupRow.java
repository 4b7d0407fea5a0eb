package dev.toolyard.scim;

import java.time.Instant;
import java.util.UUID;

/** SCIM's row for a group the provider pushes: a custom permission group of the space. */
record ScimGroupRow(UUID groupId, String externalId, String displayName, long version, Instant created,
        Instant lastModified) {

    String etag() {
        return ETags.of(version);
    }
}
