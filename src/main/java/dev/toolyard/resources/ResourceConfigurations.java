package dev.toolyard.resources;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.access.AccessLevel;
import dev.toolyard.resources.connector.Settings;
import dev.toolyard.resources.connector.Target;
import dev.toolyard.resources.connector.TargetKey;
import dev.toolyard.secrets.SecretBox;
import dev.toolyard.secrets.SecretUnreadableException;
import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.ResourceId;
import dev.toolyard.shared.SourceFailedException;

/**
 * A resource's configuration per environment (T-RS1–T-RS3, T-A4): Use on the resource to see it,
 * Edit to change it, and in both cases the right to use the environment. Secrets are sealed with
 * the operator's key, bound to resource, environment and field (T-RS2); they are never returned
 * (the view says {@code passwordSet} and the like), logged, or audited (the audit entry names the
 * write-only fields that changed, never their values).
 */
@Service
public class ResourceConfigurations {

    private static final Logger log = LoggerFactory.getLogger(ResourceConfigurations.class);

    /** A configuration as shown: {@code settings} without secrets; not {@code configured} yet when empty. */
    public record ConfigurationView(String environment, boolean configured, Map<String, Object> settings,
            Instant updatedAt, boolean mayEdit) {
    }

    /** A connection test's answer: ok, or the source's failure code and message. */
    public record ConnectionTest(boolean ok, String code, String message, long millis) {
    }

    private final ResourceManagement resources;
    private final Environments environments;
    private final ConfigurationRepository repository;
    private final ResourceConnectors connectors;
    private final SecretBox secretBox;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ResourceConfigurations(ResourceManagement resources, Environments environments, ConfigurationRepository repository,
            ResourceConnectors connectors, SecretBox secretBox, ApplicationEventPublisher events, Clock clock) {
        this.resources = resources;
        this.environments = environments;
        this.repository = repository;
        this.connectors = connectors;
        this.secretBox = secretBox;
        this.events = events;
        this.clock = clock;
    }

    /** One entry per environment the caller may use, configured or not. */
    @Transactional(readOnly = true)
    public List<ConfigurationView> configurations(Caller caller, ResourceId id) {
        var resource = resources.resource(caller, id);
        var stored = new HashMap<UUID, ConfigurationRepository.Stored>();
        repository.forResource(id).forEach(configuration -> stored.put(configuration.environment(), configuration));
        var views = new ArrayList<ConfigurationView>();
        for (var environment : environments.list(caller)) {
            if (environment.usable()) {
                var configuration = stored.get(environment.id());
                views.add(configuration == null
                        ? new ConfigurationView(environment.name(), false, Map.of(), null, mayEdit(resource))
                        : view(resource, environment.name(), configuration));
            }
        }
        return views;
    }

    @Transactional(readOnly = true)
    public ConfigurationView configuration(Caller caller, ResourceId id, String environmentName) {
        var resource = resources.resource(caller, id);
        var environment = environments.usable(caller, environmentName);
        return view(resource, environment.name(), stored(resource, environment));
    }

    @Transactional
    public ConfigurationView save(Caller caller, ResourceId id, String environmentName, Map<String, Object> submitted) {
        caller.requireScope(ApiScope.RESOURCES_WRITE);
        var resource = editable(caller, id);
        var environment = environments.usable(caller, environmentName);
        var before = repository.find(id, environment.id());
        var key = new TargetKey(id.value(), environment.id());
        var previous = before.map(stored -> settings(key, stored)).orElse(Settings.NONE);
        var settings = connectors.of(resource.kind()).settings(submitted, previous);
        var sealed = new LinkedHashMap<String, String>();
        settings.secrets().forEach((field, value) -> sealed.put(field, secretBox.encrypt(value, context(key, field))));
        var saved = new ConfigurationRepository.Stored(id.value(), environment.id(), settings.values(), sealed,
                UUID.randomUUID(), clock.instant());
        repository.save(saved);
        connectors.retireAfterCommit(key::equals);
        events.publishEvent(new ResourceChanged(caller, "resource.configuration_saved", "resource", id, resource.name(),
                before.isPresent() ? audited(environment.name(), previous, List.of()) : null,
                audited(environment.name(), settings, changedSecrets(previous, settings))));
        return view(resource, environment.name(), saved);
    }

    @Transactional
    public void delete(Caller caller, ResourceId id, String environmentName) {
        caller.requireScope(ApiScope.RESOURCES_WRITE);
        var resource = editable(caller, id);
        var environment = environments.usable(caller, environmentName);
        var stored = stored(resource, environment);
        var key = new TargetKey(id.value(), environment.id());
        repository.delete(id, environment.id());
        connectors.retireAfterCommit(key::equals);
        events.publishEvent(new ResourceChanged(caller, "resource.configuration_deleted", "resource", id,
                resource.name(), audited(environment.name(), settings(key, stored), List.of()), null));
    }

    /**
     * Connects with the stored configuration ({@code submitted} null: Use is enough) or with
     * unsaved settings (Edit, as for saving; left-out secrets are the stored ones, under the same
     * rule). Nothing is stored and no pool is made.
     */
    @Transactional(readOnly = true)
    public ConnectionTest test(Caller caller, ResourceId id, String environmentName, Map<String, Object> submitted) {
        var resource = submitted == null ? resources.resource(caller, id) : editable(caller, id);
        var environment = environments.usable(caller, environmentName);
        var key = new TargetKey(id.value(), environment.id());
        var connector = connectors.of(resource.kind());
        Settings settings;
        if (submitted == null) {
            settings = settings(key, stored(resource, environment));
        } else {
            caller.requireScope(ApiScope.RESOURCES_WRITE);
            var previous = repository.find(id, environment.id()).map(stored -> settings(key, stored)).orElse(Settings.NONE);
            settings = connector.settings(submitted, previous);
        }
        long started = System.nanoTime();
        try {
            connector.test(new Target(key, "test", label(resource, environment.name()), settings));
            return new ConnectionTest(true, null, "Connected.", elapsed(started));
        } catch (SourceFailedException e) {
            return new ConnectionTest(false, e.code(), e.getMessage(), elapsed(started));
        }
    }

    /**
     * The configuration a run read, as a connector target, secrets opened. The revision read with
     * it decides whether this node's target of that revision still serves, so a saved change
     * takes effect on the next run everywhere.
     */
    Target target(Resource resource, EnvironmentRepository.Row environment, ConfigurationRepository.RunRow found) {
        if (found.revision() == null) {
            throw new SourceFailedException("environment.not_configured", "The resource '" + resource.name()
                    + "' has no configuration for '" + environment.name() + "'.", false);
        }
        var key = new TargetKey(resource.id().value(), environment.id());
        return connectors.target(key, found.revision().toString(), label(resource, environment.name()),
                () -> settings(key, found.stored()));
    }

    private Resource editable(Caller caller, ResourceId id) {
        var resource = resources.resource(caller, id);
        if (!mayEdit(resource)) {
            throw new ForbiddenException("access.denied", "You need Edit on this resource to change its configuration.");
        }
        return resource;
    }

    private static boolean mayEdit(Resource resource) {
        return resource.level() != null && resource.level().atLeast(AccessLevel.EDIT);
    }

    private ConfigurationRepository.Stored stored(Resource resource, EnvironmentRepository.Row environment) {
        return repository.find(resource.id(), environment.id()).orElseThrow(() -> new NotFoundException(
                "configuration.not_found", "'" + resource.name() + "' has no configuration for '" + environment.name()
                        + "' yet."));
    }

    private ConfigurationView view(Resource resource, String environment, ConfigurationRepository.Stored stored) {
        var key = new TargetKey(resource.id().value(), stored.environment());
        return new ConfigurationView(environment, true, connectors.of(resource.kind()).view(settings(key, stored)),
                stored.updatedAt(), mayEdit(resource));
    }

    /**
     * Opens the sealed secrets. One this key cannot open (the operator changed the key) counts as
     * not set, so the view says so and the next save asks for it again; the value is never logged.
     */
    private Settings settings(TargetKey key, ConfigurationRepository.Stored stored) {
        var secrets = new HashMap<String, String>();
        stored.sealed().forEach((field, sealed) -> {
            try {
                secrets.put(field, secretBox.decrypt(sealed, context(key, field)));
            } catch (SecretUnreadableException e) {
                log.warn("The stored secret '{}' of resource {} in environment {} cannot be read: {}", field,
                        key.resource(), key.environment(), e.getMessage());
            }
        });
        return new Settings(stored.values(), secrets);
    }

    /** The associated data of a sealed secret: it opens only for this resource, environment and field. */
    private static String context(TargetKey key, String field) {
        return "resource:" + key.resource() + ":environment:" + key.environment() + ":" + field;
    }

    private static List<String> changedSecrets(Settings before, Settings after) {
        var fields = new TreeSet<String>(before.secrets().keySet());
        fields.addAll(after.secrets().keySet());
        return fields.stream().filter(field -> !Objects.equals(before.secret(field), after.secret(field))).toList();
    }

    /** What the audit trail keeps: the shown values and the names of changed write-only fields. */
    private static Map<String, Object> audited(String environment, Settings settings, List<String> changed) {
        var state = new LinkedHashMap<String, Object>();
        state.put("environment", environment);
        state.put("settings", settings.values());
        state.put("writeOnlyFieldsChanged", changed);
        return state;
    }

    private static String label(Resource resource, String environment) {
        return resource.id() + "/" + environment;
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
