package dev.toolyard.resources.connector;

/**
 * A stored configuration ready to connect with. {@code revision} changes with every save, so a
 * pool built from an older one is recognised and replaced, on every node. {@code label} names
 * the pool in logs and metrics (resource and environment, never a secret).
 */
public record Target(TargetKey key, String revision, String label, Settings settings) {
}
