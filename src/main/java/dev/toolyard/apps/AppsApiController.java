package dev.toolyard.apps;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.toolyard.access.AccessLevel;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.FolderId;
import dev.toolyard.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

/** T-AP1 with T-A1–T-A3 over the API: folders and apps of the token's space. */
@RestController
@RequestMapping(value = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Folders and apps")
class AppsApiController {

    private final AppManagement apps;

    AppsApiController(AppManagement apps) {
        this.apps = apps;
    }

    @GetMapping("/folders")
    @Operation(summary = "Folders the caller can reach (scope apps:read)")
    List<FolderView> folders(Caller caller) {
        return apps.folders(caller).stream().map(FolderView::of).toList();
    }

    @PostMapping("/folders")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a folder (Edit on all apps; scope apps:write)")
    ResponseEntity<FolderView> createFolder(Caller caller, @Valid @RequestBody NameRequest request) {
        var folder = apps.createFolder(caller, request.name());
        return ResponseEntity.created(URI.create("/api/v1/folders/" + folder.id())).body(FolderView.of(folder));
    }

    @PatchMapping("/folders/{id}")
    @Operation(summary = "Rename a folder (Own on it; scope apps:write)")
    FolderView renameFolder(Caller caller, @PathVariable UUID id, @Valid @RequestBody NameRequest request) {
        return FolderView.of(apps.renameFolder(caller, new FolderId(id), request.name()));
    }

    @DeleteMapping("/folders/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete an empty folder (Own on it; scope apps:write)")
    void deleteFolder(Caller caller, @PathVariable UUID id) {
        apps.deleteFolder(caller, new FolderId(id));
    }

    @GetMapping("/apps")
    @Operation(summary = "Apps the caller may at least use, with their level; of one folder, of one kind (app or "
            + "module) when given (scope apps:read)")
    List<AppView> list(Caller caller, @RequestParam(required = false) UUID folder,
            @RequestParam(required = false) String kind) {
        return apps.apps(caller, folder == null ? null : new FolderId(folder), kind == null ? null : AppKind.of(kind))
                .stream().map(AppView::of).toList();
    }

    @PostMapping("/apps")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an app, or a module with kind \"module\", in a folder (Edit on the folder) or at "
            + "the root (Edit on all apps); the folder's defaults apply (scope apps:write)")
    ResponseEntity<AppView> create(Caller caller, @Valid @RequestBody AppRequest request) {
        var app = apps.createApp(caller, request.name(), request.folderId() == null ? null : new FolderId(request.folderId()),
                AppKind.of(request.kind()));
        return ResponseEntity.created(URI.create("/api/v1/apps/" + app.id())).body(AppView.of(apps.app(caller, app.id())));
    }

    @GetMapping("/apps/{id}")
    @Operation(summary = "An app the caller may use (scope apps:read)")
    AppView get(Caller caller, @PathVariable UUID id) {
        return AppView.of(apps.app(caller, new AppId(id)));
    }

    @PatchMapping("/apps/{id}")
    @Operation(summary = "Rename (Edit) or move (Own on the app, Edit on the target) an app; set folderId to null "
            + "with move=true for the root (scope apps:write)")
    AppView update(Caller caller, @PathVariable UUID id, @RequestBody UpdateRequest request) {
        var app = new AppId(id);
        if (request.name() != null) {
            apps.renameApp(caller, app, request.name());
        }
        if (request.moving()) {
            apps.moveApp(caller, app, request.folderId() == null ? null : new FolderId(request.folderId()));
        }
        return AppView.of(apps.app(caller, app));
    }

    @DeleteMapping("/apps/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete an app for good (Own; scope apps:write)")
    void delete(Caller caller, @PathVariable UUID id) {
        apps.deleteApp(caller, new AppId(id));
    }

    @GetMapping("/users/{id}/access")
    @Operation(summary = "The access tab: every folder and app the user can reach, with the effective level and "
            + "the groups that give it (space admins, scope groups:read)")
    List<AppManagement.Reach> reach(Caller caller, @PathVariable UUID id) {
        return apps.reachOf(caller, new UserId(id));
    }

    record NameRequest(@NotBlank String name) {
    }

    record AppRequest(@NotBlank String name, UUID folderId, String kind) {
    }

    /** {@code move} may be left out of a rename: JSON's missing is not a primitive's false. */
    record UpdateRequest(String name, UUID folderId, Boolean move) {

        boolean moving() {
            return Boolean.TRUE.equals(move);
        }
    }

    record FolderView(UUID id, String name, Instant createdAt) {

        static FolderView of(Folder folder) {
            return new FolderView(folder.id().value(), folder.name(), folder.createdAt());
        }
    }

    record AppView(UUID id, String name, String kind, UUID folderId, AccessLevel level, Instant createdAt) {

        static AppView of(VisibleApp visible) {
            var app = visible.app();
            return new AppView(app.id().value(), app.name(), app.kind().value(),
                    app.folderId() == null ? null : app.folderId().value(), visible.level(), app.createdAt());
        }
    }
}
