package dev.toolyard.web;

import java.util.List;
import java.util.UUID;

/**
 * What the page frame shows about the person and where they are, and where they may switch to.
 * {@code groupAdmin}: they manage the members of at least one group of this space (T-G3);
 * {@code queryLibrary}: they may open the query library (T-A6).
 */
public record ConsoleView(String userLabel, UUID spaceId, String spaceName, boolean instanceAdmin, boolean spaceAdmin,
        boolean groupAdmin, boolean queryLibrary, List<SpaceChoice> spaces) {

    public record SpaceChoice(UUID id, String name) {
    }
}
