package dev.toolyard.resources;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.access.AccessEngine;
import dev.toolyard.access.GroupId;
import dev.toolyard.access.PermissionGroup;
import dev.toolyard.access.PermissionGroups;
import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.FieldProblem;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.SpaceId;

/**
 * T-RS3: the environments of a space. Everyone sees their names (builders switch between them);
 * space admins add, rename, limit and delete them; production and staging are built in and can
 * be neither renamed nor deleted. A limited environment is for members of its groups and admins.
 */
@Service
public class Environments {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    private final EnvironmentRepository repository;
    private final PermissionGroups groups;
    private final AccessEngine engine;
    private final ResourceConnectors connectors;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Environments(EnvironmentRepository repository, PermissionGroups groups, AccessEngine engine,
            ResourceConnectors connectors, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.groups = groups;
        this.engine = engine;
        this.connectors = connectors;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Environment> list(Caller caller) {
        caller.requireScope(ApiScope.RESOURCES_READ);
        return repository.all(caller.spaceId()).stream().map(row -> withUse(caller, row)).toList();
    }

    @Transactional(readOnly = true)
    public Environment get(Caller caller, String name) {
        caller.requireScope(ApiScope.RESOURCES_READ);
        return withUse(caller, find(caller.spaceId(), name));
    }

    /** The groups an admin may limit an environment to. */
    @Transactional(readOnly = true)
    public List<PermissionGroup> groupChoices(Caller caller) {
        caller.requireSpaceAdmin();
        return groups.all(caller.spaceId());
    }

    @Transactional
    public Environment create(Caller caller, String name, boolean limited, List<GroupId> limitedTo) {
        requireAdmin(caller);
        var groupIds = validGroups(caller.spaceId(), limitedTo);
        var row = new EnvironmentRepository.Row(UUID.randomUUID(), validName(name), false, limited, groupIds,
                clock.instant());
        if (!repository.insert(caller.spaceId(), row)) {
            throw nameTaken(row.name());
        }
        events.publishEvent(new ResourceChanged(caller, "environment.created", "environment", row.id(), row.name(),
                null, state(row)));
        return withUse(caller, row);
    }

    /** Renames (custom environments only) and sets the limit; a null argument leaves that part as it is. */
    @Transactional
    public Environment update(Caller caller, String name, String newName, Boolean limited, List<GroupId> limitedTo) {
        requireAdmin(caller);
        var before = find(caller.spaceId(), name);
        var groupIds = limitedTo == null ? before.groups() : validGroups(caller.spaceId(), limitedTo);
        String renamed = newName == null ? before.name() : validName(newName);
        if (!renamed.equals(before.name()) && before.builtIn()) {
            throw InvalidInputException.of("name", "environment.built_in",
                    "'" + before.name() + "' is built in and keeps its name.");
        }
        var after = new EnvironmentRepository.Row(before.id(), renamed, before.builtIn(),
                limited == null ? before.limited() : limited,
                groupIds, before.createdAt());
        if (!repository.update(after)) {
            throw nameTaken(renamed);
        }
        String action = renamed.equals(before.name()) ? "environment.limit_changed" : "environment.renamed";
        events.publishEvent(new ResourceChanged(caller, action, "environment", after.id(), after.name(), state(before),
                state(after)));
        return withUse(caller, after);
    }

    /** T-RS3: its configurations of every resource go with it; their pools close after commit. */
    @Transactional
    public void delete(Caller caller, String name) {
        requireAdmin(caller);
        var environment = find(caller.spaceId(), name);
        if (environment.builtIn()) {
            throw new ConflictException("environment.built_in",
                    "'" + environment.name() + "' is built in and cannot be deleted.");
        }
        repository.delete(environment.id());
        connectors.retireAfterCommit(key -> key.environment().equals(environment.id()));
        events.publishEvent(new ResourceChanged(caller, "environment.deleted", "environment", environment.id(),
                environment.name(), state(environment), null));
    }

    /**
     * The environment, if the caller may use it: T-RS3's group limit. Not found in the caller's
     * space is "not found"; found but limited to groups the caller is not in is refused.
     */
    EnvironmentRepository.Row usable(Caller caller, String name) {
        var environment = find(caller.spaceId(), name);
        if (!mayUse(caller, environment)) {
            throw new ForbiddenException("environment.denied",
                    "The environment '" + environment.name() + "' is limited to groups you are not in.");
        }
        return environment;
    }

    /** As {@link #usable(Caller, String)}, for an environment the caller's run has read already (null: none). */
    EnvironmentRepository.Row usable(Caller caller, String name, EnvironmentRepository.Row environment) {
        if (environment == null) {
            throw new NotFoundException("environment.not_found", "There is no environment '" + name + "'.");
        }
        if (!mayUse(caller, environment)) {
            throw new ForbiddenException("environment.denied",
                    "The environment '" + environment.name() + "' is limited to groups you are not in.");
        }
        return environment;
    }

    private boolean mayUse(Caller caller, EnvironmentRepository.Row environment) {
        if (!environment.limited() || caller.spaceAdmin()) {
            return true;
        }
        var mine = engine.groupsOf(caller.spaceId(), caller.userId());
        return environment.groups().stream().anyMatch(mine::contains);
    }

    private Environment withUse(Caller caller, EnvironmentRepository.Row row) {
        return new Environment(row.id(), row.name(), row.builtIn(), row.limited(), row.groups(), row.createdAt(),
                mayUse(caller, row));
    }

    private EnvironmentRepository.Row find(SpaceId space, String name) {
        return repository.find(space, name == null ? "" : name.strip())
                .orElseThrow(() -> new NotFoundException("environment.not_found", "There is no environment '" + name + "'."));
    }

    private static void requireAdmin(Caller caller) {
        caller.requireScope(ApiScope.RESOURCES_WRITE);
        caller.requireSpaceAdmin();
    }

    private List<GroupId> validGroups(SpaceId space, List<GroupId> limitedTo) {
        if (limitedTo == null || limitedTo.isEmpty()) {
            return List.of();
        }
        var known = groups.all(space).stream().map(PermissionGroup::id).collect(Collectors.toSet());
        var unknown = limitedTo.stream().filter(group -> !known.contains(group)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("environment.unknown_object", "There is no group " + unknown.get(0)
                    + " in this space.", List.of(new FieldProblem("groupIds", "environment.unknown_object",
                            "names a group that is not in this space")));
        }
        return List.copyOf(new LinkedHashSet<>(limitedTo));
    }

    private static String validName(String name) {
        String normal = name == null ? "" : name.strip().toLowerCase(java.util.Locale.ROOT);
        if (!NAME.matcher(normal).matches()) {
            throw InvalidInputException.of("name", "environment.invalid_name",
                    "An environment's name has 1 to 40 lower-case letters, digits, '-' or '_', starting with a letter or digit.");
        }
        return normal;
    }

    private static ConflictException nameTaken(String name) {
        return new ConflictException("environment.name_taken", "There is already an environment named '" + name + "'.",
                new FieldProblem("name", "environment.name_taken", "is taken"));
    }

    private static Map<String, Object> state(EnvironmentRepository.Row row) {
        var state = new LinkedHashMap<String, Object>();
        state.put("name", row.name());
        state.put("limited", row.limited());
        state.put("groups", row.groups().stream().map(GroupId::toString).toList());
        return state;
    }
}
