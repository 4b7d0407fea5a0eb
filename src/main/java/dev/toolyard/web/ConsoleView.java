package dev.toolyard.web;

import java.util.List;
import java.util.UUID;

/** What the page frame shows about the person and where they are, and where they may switch to. */
public record ConsoleView(String userLabel, UUID spaceId, String spaceName, boolean instanceAdmin, boolean spaceAdmin,
        List<SpaceChoice> spaces) {

    public record SpaceChoice(UUID id, String name) {
    }
}
