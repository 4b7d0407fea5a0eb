package dev.toolyard.themes;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.toolyard.shared.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** T-TH1 over the API: the space's themes, read by members, managed by those with the right. */
@RestController
@RequestMapping("/api/v1/themes")
@Tag(name = "Themes")
class ThemesApiController {

    private final Themes themes;

    ThemesApiController(Themes themes) {
        this.themes = themes;
    }

    @GetMapping
    @Operation(summary = "Every theme of the space by name, the default marked (every member; scope apps:read)")
    List<ThemeView> list(Caller caller) {
        return themes.list(caller).stream().map(ThemeView::of).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a theme; tokens left out take the mode's defaults (space admins and groups with "
            + "the themes access; scope themes:write)")
    ResponseEntity<ThemeView> create(Caller caller, @RequestBody ThemeRequest request) {
        var theme = themes.create(caller, request.name(), request.mode(), request.tokens());
        return ResponseEntity.created(URI.create("/api/v1/themes/" + theme.id())).body(ThemeView.of(theme));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One theme (every member; scope apps:read)")
    ThemeView get(Caller caller, @PathVariable UUID id) {
        return ThemeView.of(themes.get(caller, new ThemeId(id)));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change a theme's name, mode or some tokens; what is left out stays. Every app wearing "
            + "it shows the change at its next load (scope themes:write)")
    ThemeView update(Caller caller, @PathVariable UUID id, @RequestBody ThemeRequest request) {
        return ThemeView.of(themes.update(caller, new ThemeId(id), request.name(), request.mode(), request.tokens()));
    }

    @PostMapping("/{id}/default")
    @Operation(summary = "Make the theme the space's default, worn by apps that name no theme (scope themes:write)")
    ThemeView makeDefault(Caller caller, @PathVariable UUID id) {
        return ThemeView.of(themes.makeDefault(caller, new ThemeId(id)));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a theme other than the default; apps that named it wear the default "
            + "(scope themes:write)")
    void delete(Caller caller, @PathVariable UUID id) {
        themes.delete(caller, new ThemeId(id));
    }

    /** {@code mode} light or dark; {@code tokens} any of the token names with their values. */
    record ThemeRequest(String name, String mode, Map<String, Object> tokens) {
    }

    record ThemeView(UUID id, String name, String mode, @JsonProperty("default") boolean isDefault,
            Map<String, Object> tokens, String updatedBy, Instant updatedAt) {

        static ThemeView of(Theme theme) {
            return new ThemeView(theme.id().value(), theme.name(), theme.mode().value(), theme.isDefault(),
                    theme.tokens().asMap(), theme.updatedBy(), theme.updatedAt());
        }
    }
}
