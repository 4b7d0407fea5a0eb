package dev.toolyard.apps;

import dev.toolyard.access.AccessLevel;

/** An app with the caller's effective level on it. */
public record VisibleApp(App app, AccessLevel level) {
}
