package dev.toolyard.apps;

import java.time.Instant;

import dev.toolyard.shared.AppId;
import tools.jackson.databind.JsonNode;

/**
 * An app's draft document (T-AP2) in its canonical form. {@code version} grows by one on every
 * save; a save names the version it started from.
 */
public record DocumentDraft(AppId appId, int version, JsonNode document, String updatedBy, Instant updatedAt) {
}
