package dev.toolyard.identity;

import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.FieldProblem;
import dev.toolyard.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/** T-API2: the caller's own access tokens in the current space. */
@RestController
@RequestMapping(value = "/api/v1/tokens", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Access tokens")
class TokensApiController {

    private final ApiTokenManagement tokens;

    TokensApiController(ApiTokenManagement tokens) {
        this.tokens = tokens;
    }

    @GetMapping
    @Operation(summary = "List your tokens in this space, newest first (scope tokens:read)")
    List<TokenView> list(Caller caller) {
        return tokens.listOwn(caller).stream().map(TokenView::of).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a token; the secret is in this response only (scope tokens:write)")
    ResponseEntity<CreatedToken> create(Caller caller, @Valid @RequestBody TokenRequest request) {
        var issued = tokens.create(caller, request.name(), scopes(request.scopes()), request.expiresAt());
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + issued.token().id()))
                .body(new CreatedToken(TokenView.of(issued.token()), issued.secret()));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke a token; it stops working on the next request (scope tokens:write)")
    TokenView revoke(Caller caller, @PathVariable UUID id) {
        return TokenView.of(tokens.revoke(caller, id));
    }

    private static Set<ApiScope> scopes(List<String> values) {
        var scopes = EnumSet.noneOf(ApiScope.class);
        var unknown = values.stream().filter(value -> ApiScope.fromValue(value).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("token.unknown_scope", "Unknown scopes: " + String.join(", ", unknown),
                    List.of(new FieldProblem("scopes", "token.unknown_scope", "unknown: " + String.join(", ", unknown))));
        }
        values.forEach(value -> ApiScope.fromValue(value).ifPresent(scopes::add));
        return scopes;
    }

    record TokenRequest(@NotBlank @Size(max = 80) String name, @NotEmpty List<@NotBlank String> scopes,
            Instant expiresAt) {
    }

    record TokenView(UUID id, String name, String prefix, List<String> scopes, Instant createdAt, Instant expiresAt,
            Instant revokedAt, Instant lastUsedAt) {

        static TokenView of(ApiToken token) {
            return new TokenView(token.id(), token.name(), token.secretPrefix(),
                    token.scopes().stream().map(ApiScope::value).sorted().toList(), token.createdAt(),
                    token.expiresAt(), token.revokedAt(), token.lastUsedAt());
        }
    }

    record CreatedToken(TokenView token, String secret) {
    }
}
