package dev.toolyard.resources;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.toolyard.resources.connector.ResourceConnector;
import dev.toolyard.resources.connector.Settings;
import dev.toolyard.resources.connector.Target;
import dev.toolyard.resources.connector.TargetKey;

/** The connector of each kind; every kind must have exactly one, or the application does not start. */
@Component
class ResourceConnectors {

    private final Map<ResourceKind, ResourceConnector> byKind = new EnumMap<>(ResourceKind.class);
    private final Map<TargetKey, Target> targets = new ConcurrentHashMap<>();

    ResourceConnectors(List<ResourceConnector> connectors) {
        for (var connector : connectors) {
            if (byKind.put(connector.kind(), connector) != null) {
                throw new IllegalStateException("Two connectors for " + connector.kind());
            }
        }
        for (var kind : ResourceKind.values()) {
            if (!byKind.containsKey(kind)) {
                throw new IllegalStateException("No connector for resources of kind " + kind);
            }
        }
    }

    ResourceConnector of(ResourceKind kind) {
        return byKind.get(kind);
    }

    /**
     * The target of a configuration revision, its secrets opened once per revision on this node
     * rather than on every run; they live as long as the pool that connects with them. A newer
     * revision replaces it; a retired configuration drops it.
     */
    Target target(TargetKey key, String revision, String label, Supplier<Settings> settings) {
        var cached = targets.get(key);
        if (cached != null && cached.revision().equals(revision) && cached.label().equals(label)) {
            return cached;
        }
        var target = new Target(key, revision, label, settings.get());
        targets.put(key, target);
        return target;
    }

    /**
     * T-RS4: pools of a changed or removed configuration close once the change is committed (a
     * rolled-back change keeps them); other nodes notice the new revision at their next run.
     */
    void retireAfterCommit(Predicate<TargetKey> which) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    retire(which);
                }
            });
        } else {
            retire(which);
        }
    }

    private void retire(Predicate<TargetKey> which) {
        targets.keySet().removeIf(which);
        byKind.values().forEach(connector -> connector.retire(which));
    }
}
