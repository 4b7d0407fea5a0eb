package dev.toolyard.access;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.toolyard.shared.SpaceId;

/**
 * Where each object of a space sits, told to the access engine by the module that owns the
 * objects (apps, resources), so that access never reads their tables.
 */
public interface AccessCatalog {

    enum Kind { APPS, RESOURCES }

    Kind kind();

    /** Every object of the space and its folder, {@code null} for objects at the root. */
    Map<UUID, UUID> placements(SpaceId space);

    /** Every folder of the space, empty ones included. */
    Set<UUID> folders(SpaceId space);
}
