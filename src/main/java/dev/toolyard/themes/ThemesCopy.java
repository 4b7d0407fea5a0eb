package dev.toolyard.themes;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.toolyard.spaces.SpaceCopiedFromAdminSpace;
import dev.toolyard.spaces.SpaceManagement;

/**
 * T-SP5: a space copying from the admin space gets its themes, in the same transaction as the
 * rest of the copy. A theme of the same name (ignoring case) takes the admin space's mode and
 * tokens, others are added, and the copy of the admin space's default becomes the default.
 * Themes of the space's own stay, and the apps wearing them too. A copy is a copy: later changes in
 * the admin space do not reach the space until it copies again.
 */
@Component
class ThemesCopy {

    private final ThemeRepository repository;
    private final SpaceManagement spaces;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ThemesCopy(ThemeRepository repository, SpaceManagement spaces, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.spaces = spaces;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void on(SpaceCopiedFromAdminSpace copy) {
        var target = copy.space().id();
        var caller = copy.caller();
        repository.lock(target);
        var existing = repository.all(target);
        for (var source : repository.all(spaces.adminSpaceId())) {
            var same = existing.stream().filter(theme -> theme.name().equalsIgnoreCase(source.name())).findFirst();
            ThemeId copied;
            String copiedName = same.map(Theme::name).orElse(source.name());
            if (same.isPresent()) {
                var before = same.get();
                copied = before.id();
                if (before.mode() != source.mode() || !before.tokens().equals(source.tokens())) {
                    var after = new Theme(copied, before.name(), source.mode(), before.isDefault(), source.tokens(),
                            caller.label(), clock.instant());
                    repository.update(target, after, caller);
                    events.publishEvent(new ThemeChanged(caller, target, "theme.changed", copied, after.name(),
                            Themes.state(before), Themes.state(after)));
                }
            } else {
                var theme = new Theme(new ThemeId(UUID.randomUUID()), source.name(), source.mode(), false,
                        source.tokens(), caller.label(), clock.instant());
                copied = theme.id();
                repository.insert(target, theme, caller);
                events.publishEvent(new ThemeChanged(caller, target, "theme.created", copied, theme.name(), null,
                        Themes.state(theme)));
            }
            if (source.isDefault() && same.map(theme -> !theme.isDefault()).orElse(true)) {
                var previous = existing.stream().filter(Theme::isDefault).findFirst();
                repository.makeDefault(target, copied);
                events.publishEvent(new ThemeChanged(caller, target, "theme.made_default", copied, copiedName,
                        Map.of("default", previous.map(Theme::name).orElse("")), Map.of("default", copiedName)));
            }
        }
    }
}
