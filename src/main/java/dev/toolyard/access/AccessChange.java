package dev.toolyard.access;

import java.util.Set;
import java.util.UUID;

/**
 * A group's access as the editor saves it, atomically (T-G5). {@code applyToApps} names the
 * folders whose level is also set on every app already in them (the folder checkbox, T-A3);
 * for the other folders only the default changes. {@code applyToResources} does the same for
 * resource folders.
 */
public record AccessChange(GroupAccess access, Set<UUID> applyToApps, Set<UUID> applyToResources) {

    public AccessChange {
        applyToApps = Set.copyOf(applyToApps);
        applyToResources = Set.copyOf(applyToResources);
    }
}
