package dev.toolyard.resources;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.toolyard.access.AccessLevel;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ResourceFolderId;
import dev.toolyard.shared.ResourceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** T-RS1 with T-A4 over the API: resource folders and resources of the token's space. */
@RestController
@RequestMapping(value = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Resources")
class ResourcesApiController {

    private final ResourceManagement resources;

    ResourcesApiController(ResourceManagement resources) {
        this.resources = resources;
    }

    @GetMapping("/resource-folders")
    @Operation(summary = "Resource folders the caller can reach (scope resources:read)")
    List<FolderView> folders(Caller caller) {
        return resources.folders(caller).stream().map(FolderView::of).toList();
    }

    @PostMapping("/resource-folders")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a resource folder (admins and groups with Edit on all resources; scope resources:write)")
    ResponseEntity<FolderView> createFolder(Caller caller, @Valid @RequestBody NameRequest request) {
        var folder = resources.createFolder(caller, request.name());
        return ResponseEntity.created(URI.create("/api/v1/resource-folders/" + folder.id())).body(FolderView.of(folder));
    }

    @PatchMapping("/resource-folders/{id}")
    @Operation(summary = "Rename a resource folder (Edit on it; scope resources:write)")
    FolderView renameFolder(Caller caller, @PathVariable UUID id, @Valid @RequestBody NameRequest request) {
        return FolderView.of(resources.renameFolder(caller, new ResourceFolderId(id), request.name()));
    }

    @DeleteMapping("/resource-folders/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete an empty resource folder (Edit on it; scope resources:write)")
    void deleteFolder(Caller caller, @PathVariable UUID id) {
        resources.deleteFolder(caller, new ResourceFolderId(id));
    }

    @GetMapping("/resources")
    @Operation(summary = "Resources the caller may at least use, with their level (scope resources:read)")
    List<ResourceView> list(Caller caller) {
        return resources.resources(caller).stream().map(ResourceView::of).toList();
    }

    @PostMapping("/resources")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a resource in a resource folder (Edit on it) or at the root (Edit on all resources); "
            + "the folder's defaults apply (scope resources:write)")
    ResponseEntity<ResourceView> create(Caller caller, @Valid @RequestBody ResourceRequest request) {
        var resource = resources.create(caller, request.name(), request.kind(),
                request.folderId() == null ? null : new ResourceFolderId(request.folderId()));
        return ResponseEntity.created(URI.create("/api/v1/resources/" + resource.id())).body(ResourceView.of(resource));
    }

    @GetMapping("/resources/{id}")
    @Operation(summary = "A resource the caller may use (scope resources:read)")
    ResourceView get(Caller caller, @PathVariable UUID id) {
        return ResourceView.of(resources.resource(caller, new ResourceId(id)));
    }

    @PatchMapping("/resources/{id}")
    @Operation(summary = "Rename or move a resource (Edit on it, and on the target folder when moving; scope resources:write)")
    ResourceView update(Caller caller, @PathVariable UUID id, @RequestBody UpdateRequest request) {
        return ResourceView.of(resources.update(caller, new ResourceId(id), request.name(),
                request.folderId() == null ? null : new ResourceFolderId(request.folderId()), request.moving()));
    }

    @DeleteMapping("/resources/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a resource (Edit on it; scope resources:write)")
    void delete(Caller caller, @PathVariable UUID id) {
        resources.delete(caller, new ResourceId(id));
    }

    record NameRequest(@NotBlank String name) {
    }

    record ResourceRequest(@NotBlank String name, @NotNull ResourceKind kind, UUID folderId) {
    }

    /** {@code move} may be left out of a rename: JSON's missing is not a primitive's false. */
    record UpdateRequest(String name, UUID folderId, Boolean move) {

        boolean moving() {
            return Boolean.TRUE.equals(move);
        }
    }

    record FolderView(UUID id, String name, Instant createdAt) {

        static FolderView of(ResourceFolder folder) {
            return new FolderView(folder.id().value(), folder.name(), folder.createdAt());
        }
    }

    record ResourceView(UUID id, String name, ResourceKind kind, UUID folderId, AccessLevel level, Instant createdAt) {

        static ResourceView of(Resource resource) {
            return new ResourceView(resource.id().value(), resource.name(), resource.kind(),
                    resource.folderId() == null ? null : resource.folderId().value(), resource.level(),
                    resource.createdAt());
        }
    }
}
