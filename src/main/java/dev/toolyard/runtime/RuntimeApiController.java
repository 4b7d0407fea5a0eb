package dev.toolyard.runtime;

import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The runtime bundle of an app over the API: what /run/{id} loads, for any client. */
@RestController
@Tag(name = "App runtime")
class RuntimeApiController {

    private final RuntimeBundles bundles;

    RuntimeApiController(RuntimeBundles bundles) {
        this.bundles = bundles;
    }

    @GetMapping(value = "/api/v1/apps/{id}/runtime", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Everything an app's page needs: the document of the selected release (absent or live: "
            + "the live release, Use; latest or a version: Edit), its queries with the expressions the browser "
            + "evaluates, and current_user (scope apps:read)")
    RuntimeBundle runtime(Caller caller, @PathVariable UUID id, @RequestParam(required = false) String release) {
        return bundles.bundle(caller, new AppId(id), release);
    }
}
