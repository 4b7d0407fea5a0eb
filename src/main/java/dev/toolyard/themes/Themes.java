package dev.toolyard.themes;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.access.AccessEngine;
import dev.toolyard.access.AdditionalAccess;
import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.FieldProblem;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.SpaceId;

/**
 * T-TH1: the themes of the caller's space, the same for console and API. Every member reads them
 * (builders pick one for their app); space admins and groups with the themes additional access
 * (T-A6) manage them. The space's default cannot be deleted; deleting another theme leaves the
 * apps that named it on the default, which the runtime resolves at each load.
 */
@Service
public class Themes {

    static final int MAX_NAME_LENGTH = 60;

    private final ThemeRepository repository;
    private final AccessEngine engine;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Themes(ThemeRepository repository, AccessEngine engine, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.engine = engine;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Theme> list(Caller caller) {
        caller.requireScope(ApiScope.APPS_READ);
        return repository.all(caller.spaceId());
    }

    @Transactional(readOnly = true)
    public Theme get(Caller caller, ThemeId id) {
        caller.requireScope(ApiScope.APPS_READ);
        return find(caller.spaceId(), id);
    }

    /** Space admins, and members of a group with the themes additional access (T-A6). */
    public boolean mayManage(Caller caller) {
        return caller.spaceAdmin()
                || engine.additionalAccess(caller.spaceId(), caller.userId()).contains(AdditionalAccess.THEMES);
    }

    /**
     * A new theme. Tokens left out take the mode's defaults, so a dark theme made without tokens
     * is already readable.
     */
    @Transactional
    public Theme create(Caller caller, String name, String mode, Map<String, ?> tokens) {
        requireManage(caller);
        var themeMode = mode == null ? ThemeMode.LIGHT : ThemeMode.of(mode);
        var theme = new Theme(new ThemeId(UUID.randomUUID()), validName(name), themeMode, false,
                ThemeTokens.defaults(themeMode).with(tokens == null ? Map.of() : tokens), caller.label(),
                clock.instant());
        repository.lock(caller.spaceId());
        if (repository.nameTaken(caller.spaceId(), theme.name(), null)) {
            throw nameTaken(theme.name());
        }
        repository.insert(caller.spaceId(), theme, caller);
        events.publishEvent(new ThemeChanged(caller, caller.spaceId(), "theme.created", theme.id(), theme.name(), null, state(theme)));
        return theme;
    }

    /** Changes what is given: a null name or mode stays, tokens left out keep their values. */
    @Transactional
    public Theme update(Caller caller, ThemeId id, String name, String mode, Map<String, ?> tokens) {
        requireManage(caller);
        repository.lock(caller.spaceId());
        var before = find(caller.spaceId(), id);
        var after = new Theme(id, name == null ? before.name() : validName(name),
                mode == null ? before.mode() : ThemeMode.of(mode), before.isDefault(),
                tokens == null ? before.tokens() : before.tokens().with(tokens), caller.label(), clock.instant());
        if (repository.nameTaken(caller.spaceId(), after.name(), id)) {
            throw nameTaken(after.name());
        }
        repository.update(caller.spaceId(), after, caller);
        events.publishEvent(new ThemeChanged(caller, caller.spaceId(), "theme.changed", id, after.name(), state(before), state(after)));
        return after;
    }

    /** Apps without a theme of their own wear the new default from their next load. */
    @Transactional
    public Theme makeDefault(Caller caller, ThemeId id) {
        requireManage(caller);
        repository.lock(caller.spaceId());
        var theme = find(caller.spaceId(), id);
        if (theme.isDefault()) {
            return theme;
        }
        var previous = repository.all(caller.spaceId()).stream().filter(Theme::isDefault).findFirst();
        repository.makeDefault(caller.spaceId(), id);
        var before = new LinkedHashMap<String, Object>();
        before.put("default", previous.map(Theme::name).orElse(null));
        events.publishEvent(new ThemeChanged(caller, caller.spaceId(), "theme.made_default", id, theme.name(), before,
                Map.of("default", theme.name())));
        return find(caller.spaceId(), id);
    }

    /** Refused for the default; apps that named the theme wear the default from their next load. */
    @Transactional
    public void delete(Caller caller, ThemeId id) {
        requireManage(caller);
        repository.lock(caller.spaceId());
        var theme = find(caller.spaceId(), id);
        if (theme.isDefault()) {
            throw new ConflictException("theme.default_in_use", "'" + theme.name() + "' is the space's default "
                    + "theme; make another theme the default before deleting it.");
        }
        repository.delete(caller.spaceId(), id);
        events.publishEvent(new ThemeChanged(caller, caller.spaceId(), "theme.deleted", id, theme.name(), state(theme), null));
    }

    /**
     * The theme an app wears: the one its document names ({@code themeId}, any text), or the
     * space's default when it names none or one that is gone. No check of its own: the runtime
     * asks only after the caller's right to use the app was checked.
     */
    @Transactional(readOnly = true)
    public Theme forApp(SpaceId space, String themeId) {
        return repository.chosenOrDefault(space, ThemeId.parse(themeId).orElse(null))
                .orElseThrow(() -> new IllegalStateException("Space " + space + " has no default theme"));
    }

    /** Whether {@code themeId} names a theme of the space. */
    public boolean isThemeOf(SpaceId space, String themeId) {
        return ThemeId.parse(themeId).map(id -> repository.exists(space, id)).orElse(false);
    }

    private void requireManage(Caller caller) {
        caller.requireScope(ApiScope.THEMES_WRITE);
        if (!mayManage(caller)) {
            throw ForbiddenException.denied();
        }
    }

    private Theme find(SpaceId space, ThemeId id) {
        return repository.find(space, id)
                .orElseThrow(() -> new NotFoundException("theme.not_found", "There is no theme " + id + "."));
    }

    static String validName(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            throw InvalidInputException.of("name", "field.required", "name must not be blank");
        }
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw InvalidInputException.of("name", "field.size", "name must be at most " + MAX_NAME_LENGTH
                    + " characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw InvalidInputException.of("name", "field.invalid", "name must not contain control characters");
        }
        return trimmed;
    }

    private static ConflictException nameTaken(String name) {
        return new ConflictException("theme.name_taken", "There is already a theme named '" + name + "'.",
                new FieldProblem("name", "theme.name_taken", "is taken"));
    }

    static Map<String, Object> state(Theme theme) {
        var state = new LinkedHashMap<String, Object>();
        state.put("name", theme.name());
        state.put("mode", theme.mode().value());
        // Not "tokens": the audit redacts values under secret-looking keys.
        state.put("values", theme.tokens().asMap());
        return state;
    }
}
