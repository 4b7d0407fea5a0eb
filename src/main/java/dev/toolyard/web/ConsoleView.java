package dev.toolyard.web;

/** What the page frame shows about the person and where they are. */
public record ConsoleView(String userLabel, String spaceName, boolean instanceAdmin) {
}
