package dev.toolyard.resources;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import dev.toolyard.database.ReadCache;
import dev.toolyard.database.ReadCaches;
import dev.toolyard.shared.ResourceId;
import dev.toolyard.shared.SpaceId;

/**
 * Every run reads its resource, environment and configuration ({@link ConfigurationRepository#forRun}):
 * kept in memory until one of the four tables changes (issue 4's run speed). Each repository
 * writing them calls {@link #changed()}.
 */
@Component
class RunRowCache {

    private record Key(SpaceId space, ResourceId resource, String environment) {
    }

    private final ReadCache<Key, Optional<ConfigurationRepository.RunRow>> cache;

    RunRowCache(ReadCaches caches) {
        this.cache = caches.create(10_000,
                Set.of("resources", "environments", "environment_groups", "resource_configurations"));
    }

    Optional<ConfigurationRepository.RunRow> get(SpaceId space, ResourceId resource, String environment,
            Supplier<Optional<ConfigurationRepository.RunRow>> loader) {
        return cache.get(new Key(space, resource, environment.toLowerCase(Locale.ROOT)), key -> loader.get());
    }

    void changed() {
        cache.changed();
    }
}
