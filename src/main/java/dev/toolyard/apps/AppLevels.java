package dev.toolyard.apps;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.toolyard.access.AccessEngine;
import dev.toolyard.access.AccessLevel;
import dev.toolyard.access.AccessObject;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.NotFoundException;

/**
 * The caller's level on an app, from the access engine's snapshot (no read of the database). The
 * engine knows only the apps of the caller's space, so an app of another space, like one the
 * caller may not use, is "not found".
 */
@Component
class AppLevels {

    private final AccessEngine engine;

    AppLevels(AccessEngine engine) {
        this.engine = engine;
    }

    AccessLevel level(Caller caller, AppId app) {
        return find(caller, app).orElseThrow(() -> notFound(app));
    }

    /** The caller's level, empty when they may not even use the app. */
    Optional<AccessLevel> find(Caller caller, AppId app) {
        return engine.level(caller.spaceId(), caller.userId(), new AccessObject.App(app));
    }

    AccessLevel require(Caller caller, AppId app, AccessLevel required, String what) {
        var level = level(caller, app);
        if (!level.atLeast(required)) {
            throw new ForbiddenException("access.denied", "You need " + required.name() + " on this app to " + what + ".");
        }
        return level;
    }

    static NotFoundException notFound(AppId app) {
        return new NotFoundException("app.not_found", "There is no app " + app + ".");
    }
}
