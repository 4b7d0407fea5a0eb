package dev.toolyard.access;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.FolderId;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.ResourceFolderId;
import dev.toolyard.shared.ResourceId;
import dev.toolyard.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

/** T-G1–T-G5, T-A2–T-A8 over the API: groups, members, access, and explanations. */
@RestController
@RequestMapping(value = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Groups and access")
class GroupsApiController {

    private final GroupManagement groups;

    GroupsApiController(GroupManagement groups) {
        this.groups = groups;
    }

    @GetMapping("/groups")
    @Operation(summary = "Groups with their member, app and resource counts (space admins, scope groups:read)")
    List<GroupView> list(Caller caller) {
        return groups.list(caller).stream().map(GroupView::of).toList();
    }

    @PostMapping("/groups")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a custom group (space admins, scope groups:write)")
    ResponseEntity<GroupRef> create(Caller caller, @Valid @RequestBody NameRequest request) {
        var group = groups.create(caller, request.name());
        return ResponseEntity.created(URI.create("/api/v1/groups/" + group.id())).body(GroupRef.of(group));
    }

    @GetMapping("/groups/{id}")
    @Operation(summary = "A group (space admins and its group admins, scope groups:read)")
    GroupRef get(Caller caller, @PathVariable UUID id) {
        return GroupRef.of(groups.get(caller, new GroupId(id)));
    }

    @PatchMapping("/groups/{id}")
    @Operation(summary = "Rename a custom group (scope groups:write)")
    GroupRef rename(Caller caller, @PathVariable UUID id, @Valid @RequestBody NameRequest request) {
        return GroupRef.of(groups.rename(caller, new GroupId(id), request.name()));
    }

    @DeleteMapping("/groups/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a custom group (scope groups:write)")
    void delete(Caller caller, @PathVariable UUID id) {
        groups.delete(caller, new GroupId(id));
    }

    @GetMapping("/groups/{id}/members")
    @Operation(summary = "Members and group admins (space admins and the group's admins, scope groups:read)")
    List<GroupManagement.GroupMember> members(Caller caller, @PathVariable UUID id) {
        return groups.members(caller, new GroupId(id));
    }

    @PutMapping("/groups/{id}/members/{user}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Add a member (space admins; group admins for their group; scope groups:write)")
    void addMember(Caller caller, @PathVariable UUID id, @PathVariable UUID user) {
        groups.addMember(caller, new GroupId(id), new UserId(user));
    }

    @DeleteMapping("/groups/{id}/members/{user}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a member (space admins; group admins for their group; scope groups:write)")
    void removeMember(Caller caller, @PathVariable UUID id, @PathVariable UUID user) {
        groups.removeMember(caller, new GroupId(id), new UserId(user));
    }

    @PutMapping("/groups/{id}/admins/{user}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Make a member a group admin (space admins, scope groups:write)")
    void appointAdmin(Caller caller, @PathVariable UUID id, @PathVariable UUID user) {
        groups.setGroupAdmin(caller, new GroupId(id), new UserId(user), true);
    }

    @DeleteMapping("/groups/{id}/admins/{user}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Take a member's group admin role away (space admins, scope groups:write)")
    void removeAdmin(Caller caller, @PathVariable UUID id, @PathVariable UUID user) {
        groups.setGroupAdmin(caller, new GroupId(id), new UserId(user), false);
    }

    @GetMapping("/groups/{id}/access")
    @Operation(summary = "What the group may reach (space admins, scope groups:read)")
    AccessView access(Caller caller, @PathVariable UUID id) {
        return AccessView.of(groups.access(caller, new GroupId(id)));
    }

    @PutMapping("/groups/{id}/access")
    @Operation(summary = "Replace what the group may reach, atomically. A folder listed in applyToApps also sets "
            + "its level on every app in it now; otherwise only its default for apps placed in it later changes "
            + "(space admins, scope groups:write)")
    AccessView saveAccess(Caller caller, @PathVariable UUID id, @Valid @RequestBody AccessRequest request) {
        return AccessView.of(groups.saveAccess(caller, new GroupId(id), request.toChange()));
    }

    @GetMapping("/access/explain")
    @Operation(summary = "Why a user has their level on one object: each contributing group and grant, and the "
            + "winner. Name exactly one of app, folder, resource, resourceFolder (space admins, scope groups:read)")
    AccessExplanation explain(Caller caller, @RequestParam UUID user, @RequestParam(required = false) UUID app,
            @RequestParam(required = false) UUID folder, @RequestParam(required = false) UUID resource,
            @RequestParam(required = false) UUID resourceFolder) {
        return groups.explain(caller, new UserId(user), object(app, folder, resource, resourceFolder));
    }

    private static AccessObject object(UUID app, UUID folder, UUID resource, UUID resourceFolder) {
        var objects = new ArrayList<AccessObject>();
        if (app != null) {
            objects.add(new AccessObject.App(new AppId(app)));
        }
        if (folder != null) {
            objects.add(new AccessObject.Folder(new FolderId(folder)));
        }
        if (resource != null) {
            objects.add(new AccessObject.Resource(new ResourceId(resource)));
        }
        if (resourceFolder != null) {
            objects.add(new AccessObject.ResourceFolder(new ResourceFolderId(resourceFolder)));
        }
        if (objects.size() != 1) {
            throw InvalidInputException.of("object", "access.one_object",
                    "name exactly one of app, folder, resource, resourceFolder");
        }
        return objects.get(0);
    }

    record NameRequest(@NotBlank String name) {
    }

    record GroupRef(UUID id, String name, String builtIn) {

        static GroupRef of(PermissionGroup group) {
            return new GroupRef(group.id().value(), group.name(), group.builtIn() == null ? null : group.builtIn().name());
        }
    }

    record GroupView(UUID id, String name, String builtIn, long members, int apps, int resources) {

        static GroupView of(GroupSummary summary) {
            var group = summary.group();
            return new GroupView(group.id().value(), group.name(), group.builtIn() == null ? null : group.builtIn().name(),
                    summary.members(), summary.apps(), summary.resources());
        }
    }

    record AccessView(AccessLevel globalApps, Map<UUID, AccessLevel> folders, Map<UUID, AccessLevel> apps,
            AccessLevel globalResources, Map<UUID, AccessLevel> resourceFolders, Map<UUID, AccessLevel> resources,
            Set<AdditionalAccess> additional) {

        static AccessView of(GroupAccess access) {
            return new AccessView(access.globalApps(), access.folders(), access.apps(), access.globalResources(),
                    access.resourceFolders(), access.resources(), access.additional());
        }
    }

    record AccessRequest(AccessLevel globalApps, Map<UUID, AccessLevel> folders, Map<UUID, AccessLevel> apps,
            AccessLevel globalResources, Map<UUID, AccessLevel> resourceFolders, Map<UUID, AccessLevel> resources,
            Set<AdditionalAccess> additional, Set<UUID> applyToApps, Set<UUID> applyToResources) {

        AccessChange toChange() {
            return new AccessChange(new GroupAccess(globalApps, orEmpty(folders), orEmpty(apps), globalResources,
                    orEmpty(resourceFolders), orEmpty(resources), additional == null ? Set.of() : additional),
                    applyToApps == null ? Set.of() : applyToApps, applyToResources == null ? Set.of() : applyToResources);
        }

        private static Map<UUID, AccessLevel> orEmpty(Map<UUID, AccessLevel> levels) {
            if (levels == null) {
                return Map.of();
            }
            if (levels.containsValue(null)) {
                var cleaned = new HashMap<>(levels);
                cleaned.values().removeIf(Objects::isNull);
                return cleaned;
            }
            return levels;
        }
    }
}
