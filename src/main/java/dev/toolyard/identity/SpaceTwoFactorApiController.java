package dev.toolyard.identity;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.toolyard.shared.Caller;
import dev.toolyard.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** T-ID1 for space admins over the API: the space's two-factor requirement and a user's reset. */
@RestController
@Tag(name = "Users")
class SpaceTwoFactorApiController {

    private final SpaceTwoFactor twoFactor;

    SpaceTwoFactorApiController(SpaceTwoFactor twoFactor) {
        this.twoFactor = twoFactor;
    }

    @GetMapping(path = "/api/v1/space-settings/two-factor", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Whether people signing in with a password must use two-factor in this space "
            + "(space admins, scope users:read)")
    RequirementView requirement(Caller caller) {
        return new RequirementView(twoFactor.required(caller));
    }

    @PutMapping(path = "/api/v1/space-settings/two-factor", produces = MediaType.APPLICATION_JSON_VALUE,
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Require two-factor for password sign-ins in this space, or stop requiring it "
            + "(space admins, scope users:write)")
    RequirementView require(Caller caller, @Valid @RequestBody RequirementView body, HttpServletRequest request) {
        boolean required = twoFactor.require(caller, body.required());
        if (required && TwoFactorSessions.passwordOnly().isPresent()) {
            // The caller's own password session falls under the rule at once: it is held at the enrolment.
            TwoFactorSessions.requireEnrolment(request);
        }
        return new RequirementView(required);
    }

    @DeleteMapping("/api/v1/users/{id}/two-factor")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Reset a user's two-factor sign-in and end their sessions (space admins, scope users:write)")
    void reset(Caller caller, @PathVariable UUID id) {
        twoFactor.reset(caller, new UserId(id));
    }

    record RequirementView(@NotNull Boolean required) {
    }
}
