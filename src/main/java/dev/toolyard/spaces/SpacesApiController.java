package dev.toolyard.spaces;

import java.net.URI;
import java.time.Instant;
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

import dev.toolyard.shared.Caller;
import dev.toolyard.shared.Page;
import dev.toolyard.shared.PageRequest;
import dev.toolyard.shared.SpaceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** T-SP7: spaces over the API, with the same service and checks as the console. */
@RestController
@RequestMapping(value = "/api/v1/spaces", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Spaces")
class SpacesApiController {

    private final SpaceManagement spaces;

    SpacesApiController(SpaceManagement spaces) {
        this.spaces = spaces;
    }

    @GetMapping
    @Operation(summary = "List spaces, ordered by name (instance admins, scope spaces:read)")
    Page<SpaceView> list(Caller caller, @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "" + PageRequest.DEFAULT_LIMIT) int limit) {
        return spaces.list(caller, new PageRequest(cursor, limit)).map(SpaceView::of);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a space (instance admins, scope spaces:read)")
    SpaceView get(Caller caller, @PathVariable UUID id) {
        return SpaceView.of(spaces.get(caller, new SpaceId(id)));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a child space (instance admins, scope spaces:write)")
    ResponseEntity<SpaceView> create(Caller caller, @Valid @RequestBody SpaceRequest request) {
        var space = spaces.create(caller, request.name(), Boolean.TRUE.equals(request.copyFromAdminSpace()));
        return ResponseEntity.created(URI.create("/api/v1/spaces/" + space.id())).body(SpaceView.of(space));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Rename a space (instance admins, scope spaces:write)")
    SpaceView rename(Caller caller, @PathVariable UUID id, @Valid @RequestBody RenameRequest request) {
        return SpaceView.of(spaces.rename(caller, new SpaceId(id), request.name()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a child space and everything it owns (instance admins, scope spaces:write)")
    void delete(Caller caller, @PathVariable UUID id) {
        spaces.delete(caller, new SpaceId(id));
    }

    @PostMapping("/{id}/copy-from-admin-space")
    @Operation(summary = "Copy the admin space's group definitions (without members) into this space; a later "
            + "change in the admin space does not reach it (instance admins, scope spaces:write)")
    CopyResult copyFromAdminSpace(Caller caller, @PathVariable UUID id) {
        return new CopyResult(spaces.copyFromAdminSpace(caller, new SpaceId(id)));
    }

    record SpaceRequest(@NotBlank @Size(max = SpaceManagement.MAX_NAME_LENGTH) String name, Boolean copyFromAdminSpace) {
    }

    record RenameRequest(@NotBlank @Size(max = SpaceManagement.MAX_NAME_LENGTH) String name) {
    }

    record CopyResult(int groupsCopied) {
    }

    record SpaceView(UUID id, String name, boolean adminSpace, Instant createdAt, Instant updatedAt) {

        static SpaceView of(Space space) {
            return new SpaceView(space.id().value(), space.name(), space.adminSpace(), space.createdAt(),
                    space.updatedAt());
        }
    }
}
