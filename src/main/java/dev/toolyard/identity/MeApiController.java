package dev.toolyard.identity;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.spaces.SpaceManagement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

@RestController
@RequestMapping(value = "/api/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Me")
class MeApiController {

    private final UserRepository users;
    private final SpaceManagement spaces;
    private final PasswordChange passwords;

    MeApiController(UserRepository users, SpaceManagement spaces, PasswordChange passwords) {
        this.users = users;
        this.spaces = spaces;
        this.passwords = passwords;
    }

    @GetMapping
    @Operation(summary = "Who the caller is, in which space, and through what (any valid token)")
    Me me(Caller caller) {
        var user = users.find(caller.userId())
                .orElseThrow(() -> new NotFoundException("user.not_found", "The caller's user no longer exists."));
        return new Me(user.id().value(), user.email(), user.firstName(), user.lastName(),
                new SpaceRef(caller.spaceId().value(), spaces.nameOf(caller.spaceId())), caller.instanceAdmin(),
                caller.channel().name().toLowerCase(Locale.ROOT),
                caller.scopes().stream().map(ApiScope::value).sorted().toList());
    }

    @PostMapping(path = "/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change the caller's password and end their other sessions (console session only)")
    void changePassword(Caller caller, @RequestBody PasswordChangeRequest body, HttpServletRequest request) {
        var session = request.getSession(false);
        passwords.change(caller, body.currentPassword(), body.newPassword(), session == null ? null : session.getId());
    }

    record PasswordChangeRequest(String currentPassword, String newPassword) {

        @Override
        public String toString() {
            return "PasswordChangeRequest[passwords hidden]";
        }
    }

    record Me(UUID id, String email, String firstName, String lastName, SpaceRef space, boolean instanceAdmin,
            String authenticatedBy, List<String> scopes) {
    }

    record SpaceRef(UUID id, String name) {
    }
}
