package dev.toolyard.resources;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
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

import dev.toolyard.access.GroupId;
import dev.toolyard.shared.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

/** T-RS3 over the API, addressed by name: /api/v1/environments/staging. */
@RestController
@RequestMapping("/api/v1/environments")
@Tag(name = "Environments")
class EnvironmentsApiController {

    private final Environments environments;

    EnvironmentsApiController(Environments environments) {
        this.environments = environments;
    }

    @GetMapping
    @Operation(summary = "Every environment of the space, and whether the caller may use it (scope resources:read)")
    List<EnvironmentView> list(Caller caller) {
        return environments.list(caller).stream().map(EnvironmentView::of).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an environment, optionally limited to groups (space admins; scope resources:write)")
    ResponseEntity<EnvironmentView> create(Caller caller, @Valid @RequestBody EnvironmentRequest request) {
        var environment = environments.create(caller, request.name(), Boolean.TRUE.equals(request.limited()),
                groups(request.groupIds()));
        return ResponseEntity.created(URI.create("/api/v1/environments/" + environment.name()))
                .body(EnvironmentView.of(environment));
    }

    @GetMapping("/{environment}")
    @Operation(summary = "One environment (scope resources:read)")
    EnvironmentView get(Caller caller, @PathVariable String environment) {
        return EnvironmentView.of(environments.get(caller, environment));
    }

    @PatchMapping("/{environment}")
    @Operation(summary = "Rename a custom environment, or change its group limit; left-out fields stay "
            + "(space admins; scope resources:write)")
    EnvironmentView update(Caller caller, @PathVariable String environment, @RequestBody EnvironmentUpdate request) {
        return EnvironmentView.of(environments.update(caller, environment, request.name(), request.limited(),
                request.groupIds() == null ? null : groups(request.groupIds())));
    }

    @DeleteMapping("/{environment}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a custom environment and every resource's configuration for it "
            + "(space admins; scope resources:write)")
    void delete(Caller caller, @PathVariable String environment) {
        environments.delete(caller, environment);
    }

    private static List<GroupId> groups(List<UUID> ids) {
        return ids == null ? List.of() : ids.stream().filter(java.util.Objects::nonNull).map(GroupId::new).toList();
    }

    /** {@code groupIds}: with {@code limited}, only members of these groups (and admins) use the environment. */
    record EnvironmentRequest(@NotBlank String name, Boolean limited, List<UUID> groupIds) {
    }

    record EnvironmentUpdate(String name, Boolean limited, List<UUID> groupIds) {
    }

    record EnvironmentView(UUID id, String name, boolean builtIn, boolean limited, List<UUID> groupIds, boolean usable,
            Instant createdAt) {

        static EnvironmentView of(Environment environment) {
            return new EnvironmentView(environment.id(), environment.name(), environment.builtIn(),
                    environment.limited(), environment.groups().stream().map(GroupId::value).toList(),
                    environment.usable(), environment.createdAt());
        }
    }
}
