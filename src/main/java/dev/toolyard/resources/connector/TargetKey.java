package dev.toolyard.resources.connector;

import java.util.UUID;

/** One configuration's place: a resource in an environment. Pools and clients are kept per key. */
public record TargetKey(UUID resource, UUID environment) {
}
