package dev.toolyard.identity;

import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.toolyard.access.BuiltInGroup;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.FieldProblem;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.Page;
import dev.toolyard.shared.PageRequest;
import dev.toolyard.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** T-U1–T-U7 over the API: the users of the token's space, for its admins. */
@RestController
@RequestMapping(value = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Users")
class UsersApiController {

    private final SpaceUsers users;

    UsersApiController(SpaceUsers users) {
        this.users = users;
    }

    @GetMapping
    @Operation(summary = "Search users by name or e-mail; filter all (without disabled), invited, suggested, "
            + "enabled, disabled or admins; sort by name or last activity (space admins, scope users:read)")
    Page<UserView> search(Caller caller, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "all") String filter, @RequestParam(defaultValue = "name") String sort,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "" + PageRequest.DEFAULT_LIMIT) int limit) {
        var query = new UserQuery(q, option(UserFilter.class, "filter", filter), option(UserSort.class, "sort", sort),
                new PageRequest(cursor, limit));
        return users.search(caller, query).map(UserView::of);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A user with groups, pending invitation, attributes and whether two-factor sign-in is on "
            + "(space admins, scope users:read)")
    UserDetailView get(Caller caller, @PathVariable UUID id) {
        return UserDetailView.of(users.detail(caller, new UserId(id)));
    }

    @PostMapping("/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Invite a person by e-mail; the answer holds the link, also e-mailed when SMTP is set "
            + "(space admins, scope users:write)")
    ResponseEntity<InvitationView> invite(Caller caller, @Valid @RequestBody InviteRequest request) {
        var issued = users.invite(caller, request.email(), request.firstName(), request.lastName(),
                groups(request.groups()));
        return ResponseEntity.created(URI.create("/api/v1/users/" + issued.user().id()))
                .body(InvitationView.of(issued));
    }

    @PostMapping("/{id}/invitation")
    @Operation(summary = "Send the invitation again with a new link; the old one stops working (scope users:write)")
    InvitationView resend(Caller caller, @PathVariable UUID id) {
        return InvitationView.of(users.resendInvitation(caller, new UserId(id)));
    }

    @DeleteMapping("/{id}/invitation")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke a pending invitation (scope users:write)")
    void revoke(Caller caller, @PathVariable UUID id) {
        users.revokeInvitation(caller, new UserId(id));
    }

    @PostMapping("/{id}/approve")
    @Operation(summary = "Approve a suggested user, optionally into built-in groups (scope users:write)")
    UserView approve(Caller caller, @PathVariable UUID id, @RequestBody(required = false) GroupsRequest request) {
        return UserView.of(users.approve(caller, new UserId(id), groups(request == null ? null : request.groups())));
    }

    @PostMapping("/{id}/decline")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Decline a suggested user (scope users:write)")
    void decline(Caller caller, @PathVariable UUID id) {
        users.decline(caller, new UserId(id));
    }

    @PostMapping("/{id}/disable")
    @Operation(summary = "Disable a user: their sessions and tokens stop working in this space at once (scope users:write)")
    UserView disable(Caller caller, @PathVariable UUID id) {
        return UserView.of(users.disable(caller, new UserId(id)));
    }

    @PostMapping("/{id}/enable")
    @Operation(summary = "Enable a disabled user again, with their groups intact (scope users:write)")
    UserView enable(Caller caller, @PathVariable UUID id) {
        return UserView.of(users.enable(caller, new UserId(id)));
    }

    @PutMapping("/{id}/attributes/{key}")
    @Operation(summary = "Set a custom user attribute (scope users:write)")
    Map<String, String> putAttribute(Caller caller, @PathVariable UUID id, @PathVariable String key,
            @Valid @RequestBody AttributeRequest request) {
        return users.putAttribute(caller, new UserId(id), key, request.value());
    }

    @DeleteMapping("/{id}/attributes/{key}")
    @Operation(summary = "Remove a custom user attribute (scope users:write)")
    Map<String, String> removeAttribute(Caller caller, @PathVariable UUID id, @PathVariable String key) {
        return users.removeAttribute(caller, new UserId(id), key);
    }

    @GetMapping("/allowed-domains")
    @Operation(summary = "E-mail domains whose people may ask to join this space (scope users:read)")
    DomainsView allowedDomains(Caller caller) {
        return new DomainsView(users.allowedDomains(caller));
    }

    @PutMapping("/allowed-domains")
    @Operation(summary = "Replace the allowed e-mail domains (scope users:write)")
    DomainsView replaceAllowedDomains(Caller caller, @Valid @RequestBody DomainsView request) {
        return new DomainsView(users.replaceAllowedDomains(caller, request.domains()));
    }

    static <E extends Enum<E>> E option(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("request.invalid_option", field + " '" + value + "' is not one of "
                    + EnumSet.allOf(type).stream().map(o -> o.name().toLowerCase(Locale.ROOT)).toList(),
                    List.of(new FieldProblem(field, "request.invalid_option", "unknown value")));
        }
    }

    private static Set<BuiltInGroup> groups(List<String> names) {
        if (names == null) {
            return Set.of();
        }
        var groups = EnumSet.noneOf(BuiltInGroup.class);
        for (String name : names) {
            groups.add(EnumSet.allOf(BuiltInGroup.class).stream()
                    .filter(group -> group.displayName().equalsIgnoreCase(name) || group.name().equalsIgnoreCase(name))
                    .findFirst()
                    .orElseThrow(() -> InvalidInputException.of("groups", "group.not_found",
                            "There is no group '" + name + "'.")));
        }
        return groups;
    }

    record InviteRequest(@NotBlank String email, String firstName, String lastName, List<String> groups) {
    }

    record GroupsRequest(List<String> groups) {
    }

    record AttributeRequest(@NotNull String value) {
    }

    record DomainsView(@NotNull List<String> domains) {
    }

    record UserView(UUID id, String email, String firstName, String lastName, String name, String state,
            boolean admin, Instant lastActiveAt, Instant joinedAt) {

        static UserView of(SpaceUser user) {
            return new UserView(user.id().value(), user.email(), user.firstName(), user.lastName(),
                    user.displayName(), user.state().name().toLowerCase(Locale.ROOT), user.admin(),
                    user.lastActiveAt(), user.joinedAt());
        }
    }

    record PendingInvitationView(Instant createdAt, Instant expiresAt) {
    }

    /** {@code picture}: the picture's URL an identity provider gave, or null. */
    record UserDetailView(UserView user, List<String> groups, PendingInvitationView invitation,
            Map<String, String> attributes, boolean twoFactorEnabled, String picture) {

        static UserDetailView of(UserDetail detail) {
            var invitation = detail.pendingInvitation();
            return new UserDetailView(UserView.of(detail.user()), detail.groups(), invitation == null ? null
                    : new PendingInvitationView(invitation.createdAt(), invitation.expiresAt()), detail.attributes(),
                    detail.twoFactorEnabled(), detail.pictureUrl());
        }
    }

    record InvitationView(UserView user, String link, Instant expiresAt) {

        static InvitationView of(IssuedInvitation issued) {
            return new InvitationView(UserView.of(issued.user()), issued.link(), issued.invitation().expiresAt());
        }
    }
}
