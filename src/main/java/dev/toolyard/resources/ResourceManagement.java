package dev.toolyard.resources;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.access.AccessEngine;
import dev.toolyard.access.AccessLevel;
import dev.toolyard.access.AccessObject;
import dev.toolyard.access.AccessObjects;
import dev.toolyard.access.Action;
import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.FieldProblem;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.ResourceFolderId;
import dev.toolyard.shared.ResourceId;

/**
 * Resource folders and resources under T-A4: Use to see a resource, Edit to change or delete it;
 * Edit on a resource folder to create resources in it; only admins and groups with global
 * resource Edit create resource folders. A resource the caller may not use is "not found".
 */
@Service
public class ResourceManagement {

    private static final int MAX_NAME = 120;

    private final ResourceRepository repository;
    private final AccessEngine engine;
    private final AccessObjects accessObjects;
    private final ResourceConnectors connectors;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final List<ResourceUsage> usages;

    ResourceManagement(ResourceRepository repository, AccessEngine engine, AccessObjects accessObjects,
            ResourceConnectors connectors, ApplicationEventPublisher events, Clock clock, List<ResourceUsage> usages) {
        this.repository = repository;
        this.engine = engine;
        this.accessObjects = accessObjects;
        this.connectors = connectors;
        this.events = events;
        this.clock = clock;
        this.usages = usages;
    }

    @Transactional(readOnly = true)
    public List<ResourceFolder> folders(Caller caller) {
        caller.requireScope(ApiScope.RESOURCES_READ);
        var withVisibleResources = resources(caller).stream().map(Resource::folderId).collect(Collectors.toSet());
        return repository.folders(caller.spaceId()).stream()
                .filter(folder -> withVisibleResources.contains(folder.id()) || engine.level(caller.spaceId(),
                        caller.userId(), new AccessObject.ResourceFolder(folder.id())).isPresent())
                .toList();
    }

    @Transactional
    public ResourceFolder createFolder(Caller caller, String name) {
        caller.requireScope(ApiScope.RESOURCES_WRITE);
        requireGlobalEdit(caller);
        var folder = new ResourceFolder(ResourceFolderId.random(), validName(name), clock.instant());
        if (!repository.insertFolder(caller.spaceId(), folder)) {
            throw nameTaken("resource_folder", folder.name());
        }
        accessObjects.folderCreated(caller.spaceId());
        events.publishEvent(new ResourceChanged(caller, "resource_folder.created", "resource_folder", folder.id(),
                folder.name(), null, Map.of("name", folder.name())));
        return folder;
    }

    @Transactional
    public ResourceFolder renameFolder(Caller caller, ResourceFolderId id, String name) {
        caller.requireScope(ApiScope.RESOURCES_WRITE);
        var folder = folderFor(caller, id, true);
        var renamed = new ResourceFolder(id, validName(name), folder.createdAt());
        if (!repository.renameFolder(id, renamed.name())) {
            throw nameTaken("resource_folder", renamed.name());
        }
        events.publishEvent(new ResourceChanged(caller, "resource_folder.renamed", "resource_folder", id,
                renamed.name(), Map.of("name", folder.name()), Map.of("name", renamed.name())));
        return renamed;
    }

    @Transactional
    public void deleteFolder(Caller caller, ResourceFolderId id) {
        caller.requireScope(ApiScope.RESOURCES_WRITE);
        var folder = folderFor(caller, id, true);
        if (!repository.folderEmpty(id)) {
            throw new ConflictException("resource_folder.not_empty",
                    "Move or delete the resources in '" + folder.name() + "' first.");
        }
        repository.deleteFolder(id);
        accessObjects.removed(caller.spaceId(), new AccessObject.ResourceFolder(id));
        events.publishEvent(new ResourceChanged(caller, "resource_folder.deleted", "resource_folder", id,
                folder.name(), Map.of("name", folder.name()), null));
    }

    /** Resources the caller may at least use, with their level. */
    @Transactional(readOnly = true)
    public List<Resource> resources(Caller caller) {
        caller.requireScope(ApiScope.RESOURCES_READ);
        return repository.all(caller.spaceId()).stream()
                .map(row -> withLevel(caller, row))
                .filter(resource -> resource.level() != null)
                .toList();
    }

    /** Every resource folder and resource of a space, whatever the caller's own level ({@code level} may be null). */
    public record Tree(List<ResourceFolder> folders, List<Resource> resources) {
    }

    /**
     * T-G5: what a group's access editor lists. A group may hold grants on resources its editor
     * cannot use, and saving replaces the whole access, so the editor must see them all; for
     * space admins only.
     */
    @Transactional(readOnly = true)
    public Tree tree(Caller caller) {
        caller.requireScope(ApiScope.RESOURCES_READ);
        caller.requireSpaceAdmin();
        return new Tree(repository.folders(caller.spaceId()),
                repository.all(caller.spaceId()).stream().map(row -> withLevel(caller, row)).toList());
    }

    @Transactional(readOnly = true)
    public Resource resource(Caller caller, ResourceId id) {
        caller.requireScope(ApiScope.RESOURCES_READ);
        return resourceFor(caller, id, Action.USE);
    }

    @Transactional
    public Resource create(Caller caller, String name, ResourceKind kind, ResourceFolderId folder) {
        caller.requireScope(ApiScope.RESOURCES_WRITE);
        requireMayPlaceIn(caller, folder);
        if (kind == null) {
            throw InvalidInputException.of("kind", "field.required", "kind must be one of " + List.of(ResourceKind.values()));
        }
        var row = new ResourceRepository.Row(ResourceId.random(), folder, validName(name), kind, clock.instant());
        if (!repository.insert(caller.spaceId(), row)) {
            throw nameTaken("resource", row.name());
        }
        accessObjects.resourcePlaced(caller.spaceId(), row.id(), folder);
        events.publishEvent(new ResourceChanged(caller, "resource.created", "resource", row.id(), row.name(), null,
                placement(row)));
        return withLevel(caller, row);
    }

    /** Renames and moves; moving into a folder applies its defaults (T-A4 with T-A3's rules). */
    @Transactional
    public Resource update(Caller caller, ResourceId id, String name, ResourceFolderId folder, boolean move) {
        caller.requireScope(ApiScope.RESOURCES_WRITE);
        var before = resourceFor(caller, id, Action.EDIT);
        if (move) {
            requireMayPlaceIn(caller, folder);
        }
        var row = new ResourceRepository.Row(id, move ? folder : before.folderId(),
                name == null ? before.name() : validName(name), before.kind(), before.createdAt());
        if (!repository.update(row)) {
            throw nameTaken("resource", row.name());
        }
        if (move) {
            accessObjects.resourcePlaced(caller.spaceId(), id, folder);
        }
        var old = new ResourceRepository.Row(id, before.folderId(), before.name(), before.kind(), before.createdAt());
        events.publishEvent(new ResourceChanged(caller, move ? "resource.moved" : "resource.renamed", "resource", id,
                row.name(), placement(old), placement(row)));
        return withLevel(caller, row);
    }

    @Transactional
    public void delete(Caller caller, ResourceId id) {
        caller.requireScope(ApiScope.RESOURCES_WRITE);
        var resource = resourceFor(caller, id, Action.EDIT);
        // Queries keep their resource: deleting it would leave them unable to run, and old library versions must stay runnable.
        var uses = usages.stream().flatMap(usage -> usage.usesOf(caller, id).stream()).toList();
        if (!uses.isEmpty()) {
            throw new ConflictException("resource.in_use", "The resource '" + resource.name() + "' is in use by "
                    + String.join("; ", uses) + ". Queries keep the resource they were written for: change or delete"
                    + " them first.");
        }
        repository.delete(id);
        // Its configurations go with it (cascade); their pools close once that is committed (T-RS4).
        connectors.retireAfterCommit(key -> key.resource().equals(id.value()));
        accessObjects.removed(caller.spaceId(), new AccessObject.Resource(id));
        events.publishEvent(new ResourceChanged(caller, "resource.deleted", "resource", id, resource.name(),
                Map.of("name", resource.name()), null));
    }

    private void requireMayPlaceIn(Caller caller, ResourceFolderId folder) {
        if (folder == null) {
            requireGlobalEdit(caller);
            return;
        }
        folderFor(caller, folder, false);
        if (!engine.canDo(caller.spaceId(), caller.userId(), Action.CREATE_IN, new AccessObject.ResourceFolder(folder))) {
            throw new ForbiddenException("access.denied", "You need Edit on this resource folder to put resources in it.");
        }
    }

    /**
     * T-A4: only admins and groups with global resource Edit make resource folders and root
     * resources. The Admin group has that Edit by rule; an instance admin visiting a child space
     * has it only as a member of that space's groups, as for apps.
     */
    private void requireGlobalEdit(Caller caller) {
        var global = engine.globalResourceLevel(caller.spaceId(), caller.userId());
        if (global.filter(level -> level.atLeast(AccessLevel.EDIT)).isEmpty()) {
            throw new ForbiddenException("access.denied", "You need Edit on all resources of the space for this.");
        }
    }

    private ResourceFolder folderFor(Caller caller, ResourceFolderId id, boolean edit) {
        var folder = repository.folder(caller.spaceId(), id)
                .orElseThrow(() -> new NotFoundException("resource_folder.not_found", "There is no resource folder " + id + "."));
        if (edit && !engine.canDo(caller.spaceId(), caller.userId(), Action.EDIT, new AccessObject.ResourceFolder(id))) {
            throw ForbiddenException.denied();
        }
        return folder;
    }

    private Resource resourceFor(Caller caller, ResourceId id, Action action) {
        var row = repository.find(caller.spaceId(), id)
                .orElseThrow(() -> new NotFoundException("resource.not_found", "There is no resource " + id + "."));
        var resource = withLevel(caller, row);
        if (resource.level() == null) {
            throw new NotFoundException("resource.not_found", "There is no resource " + id + ".");
        }
        if (!resource.level().atLeast(action.required())) {
            throw ForbiddenException.denied();
        }
        return resource;
    }

    private Resource withLevel(Caller caller, ResourceRepository.Row row) {
        var level = engine.level(caller.spaceId(), caller.userId(), new AccessObject.Resource(row.id())).orElse(null);
        return new Resource(row.id(), row.folderId(), row.name(), row.kind(), row.createdAt(), level);
    }

    private static Map<String, Object> placement(ResourceRepository.Row row) {
        var state = new HashMap<String, Object>();
        state.put("name", row.name());
        state.put("kind", row.kind().name());
        state.put("folder", row.folderId() == null ? null : row.folderId().toString());
        return state;
    }

    private static String validName(String name) {
        String value = name == null ? "" : name.strip();
        if (value.isEmpty() || value.length() > MAX_NAME) {
            throw InvalidInputException.of("name", "field.size", "name must be between 1 and " + MAX_NAME + " characters");
        }
        return value;
    }

    private static ConflictException nameTaken(String kind, String name) {
        return new ConflictException(kind + ".name_taken", "A " + kind.replace('_', ' ') + " named '" + name
                + "' already exists.", new FieldProblem("name", kind + ".name_taken", "is already taken"));
    }
}
