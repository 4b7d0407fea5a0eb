package dev.toolyard.apps;

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

/** T-M1 over the API: what a module declares, for the editor's palette and inspector. */
@RestController
@Tag(name = "Modules")
class ModulesApiController {

    private final Modules modules;

    ModulesApiController(Modules modules) {
        this.modules = modules;
    }

    @GetMapping(value = "/api/v1/apps/{id}/module-declaration", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A module's inputs, outputs and events in the release the selector names (absent or live: "
            + "the live document; latest: the draft, Edit; a version: that release) (Use; scope apps:read)")
    ModuleDeclaration declaration(Caller caller, @PathVariable UUID id, @RequestParam(required = false) String release) {
        return modules.declaration(caller, new AppId(id), release);
    }
}
