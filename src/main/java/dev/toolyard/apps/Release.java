package dev.toolyard.apps;

import java.time.Instant;

import dev.toolyard.shared.AppId;

/** A published version of an app (T-R1); exactly one of an app's releases is {@code live}. */
public record Release(AppId appId, String version, String notes, boolean live, String createdBy, Instant createdAt) {
}
