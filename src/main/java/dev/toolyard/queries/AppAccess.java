package dev.toolyard.queries;

import org.springframework.stereotype.Component;

import dev.toolyard.access.AccessEngine;
import dev.toolyard.access.AccessLevel;
import dev.toolyard.access.AccessObject;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.NotFoundException;

/**
 * The caller's level on an app, as the access engine decides it. The engine knows only the apps
 * of the caller's space, so an app of another space, like one the caller may not use, is
 * "not found" (T-SP2, T-A1).
 */
@Component
class AppAccess {

    private final AccessEngine engine;

    AppAccess(AccessEngine engine) {
        this.engine = engine;
    }

    AccessLevel requireUse(Caller caller, AppId app) {
        return engine.level(caller.spaceId(), caller.userId(), new AccessObject.App(app))
                .orElseThrow(() -> new NotFoundException("app.not_found", "There is no app " + app + "."));
    }

    /** T-A1: Edit changes an app's queries. */
    void requireEdit(Caller caller, AppId app) {
        if (!requireUse(caller, app).atLeast(AccessLevel.EDIT)) {
            throw new ForbiddenException("access.denied", "You need Edit on this app to change its queries.");
        }
    }
}
