package dev.toolyard.apps;

import dev.toolyard.shared.AppId;
import tools.jackson.databind.JsonNode;

/**
 * The document a caller runs for a release selector: {@code release} is the release's version,
 * or null for the draft; {@code live} says whether end users get this same document now.
 */
public record ResolvedDocument(AppId appId, String release, boolean live, JsonNode document) {
}
