package dev.toolyard.apps;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.access.AccessLevel;
import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.NotFoundException;

/**
 * Releases of an app (T-R1). Publishing freezes the draft document (and, through
 * {@link AppReleasePublished}, the app's queries and imports) under the next semantic version
 * and makes it live; making an earlier release live is the rollback. Both take Own; listing
 * takes Edit. Which document a caller runs is {@link #resolve}: the live release for Use (the
 * draft before the first release), the draft ({@code latest}) or any release for Edit; any
 * release of a module for Use, since apps pin its releases (T-M1).
 */
@Service
public class AppReleases {

    public static final String LIVE = "live";
    public static final String LATEST = "latest";
    private static final Pattern VERSION = Pattern.compile("(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})");
    private static final int MAX_NOTES = 10_000;

    private final AppDocumentRepository repository;
    private final AppRepository apps;
    private final AppLevels levels;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AppReleases(AppDocumentRepository repository, AppRepository apps, AppLevels levels,
            ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.apps = apps;
        this.levels = levels;
        this.events = events;
        this.clock = clock;
    }

    /** Publishes the draft as the next version and makes it live. */
    @Transactional
    public Release publish(Caller caller, AppId app, ReleaseBump bump, String notes) {
        caller.requireScope(ApiScope.APPS_WRITE);
        levels.require(caller, app, AccessLevel.OWN, "publish a release");
        if (bump == null) {
            throw InvalidInputException.of("bump", "app.release_bump_invalid", "bump must be major, minor or patch");
        }
        String text = notes == null ? "" : notes.strip();
        if (text.length() > MAX_NOTES) {
            throw InvalidInputException.of("notes", "field.size", "notes must be at most " + MAX_NOTES + " characters");
        }
        var name = apps.app(caller.spaceId(), app).orElseThrow(() -> AppLevels.notFound(app)).name();
        repository.lockReleases(app);
        var draft = repository.find(caller.spaceId(), app).orElseThrow(() -> AppLevels.notFound(app));
        var existing = repository.releases(caller.spaceId(), app);
        int major = 0;
        int minor = 0;
        int patch = 0;
        if (!existing.isEmpty()) {
            var latest = existing.get(0);
            major = latest.major();
            minor = latest.minor();
            patch = latest.patch();
        }
        switch (bump) {
            case MAJOR -> {
                major++;
                minor = 0;
                patch = 0;
            }
            case MINOR -> {
                minor++;
                patch = 0;
            }
            case PATCH -> patch++;
            default -> throw new IllegalArgumentException("Unknown bump " + bump);
        }
        String previousLive = repository.liveVersion(caller.spaceId(), app).orElse(null);
        var now = clock.instant();
        repository.insertRelease(caller.spaceId(), app, major, minor, patch, text, draft.text(), caller, now);
        String version = major + "." + minor + "." + patch;
        events.publishEvent(new AppReleasePublished(caller, app, name, version, text, previousLive));
        return new Release(app, version, text, true, caller.label(), now);
    }

    /** The app's releases, newest first; Edit. */
    @Transactional(readOnly = true)
    public List<Release> list(Caller caller, AppId app) {
        caller.requireScope(ApiScope.APPS_READ);
        levels.require(caller, app, AccessLevel.EDIT, "see its releases");
        return repository.releases(caller.spaceId(), app).stream().map(AppDocumentRepository.StoredRelease::release)
                .toList();
    }

    /** Makes a release live (a rollback, or forward again); Own. */
    @Transactional
    public Release makeLive(Caller caller, AppId app, String version) {
        caller.requireScope(ApiScope.APPS_WRITE);
        levels.require(caller, app, AccessLevel.OWN, "choose its live release");
        var name = apps.app(caller.spaceId(), app).orElseThrow(() -> AppLevels.notFound(app)).name();
        repository.lockReleases(app);
        var release = find(caller, app, version);
        String previous = repository.liveVersion(caller.spaceId(), app).orElse(null);
        repository.makeLive(app, release.release().version());
        events.publishEvent(new AppChanged(caller, "app.release_made_live", "app", app, name,
                previous == null ? null : Map.of("live", previous), Map.of("live", release.release().version())));
        var made = release.release();
        return new Release(app, made.version(), made.notes(), true, made.createdBy(), made.createdAt());
    }

    /**
     * The release a selector names, for the caller: empty for the draft, else the version. Absent
     * or {@code live}: the live release, or the draft before the first one (Use). {@code latest}:
     * the draft (Edit). A version: that release (Edit; Use for a module). A selector the caller may not use is
     * {@code app.release_forbidden}; an unknown version {@code app.release_not_found}. One read of
     * the database; no transaction, since query runs call it on every run.
     */
    public Optional<String> select(Caller caller, AppId app, String selector) {
        caller.requireScope(ApiScope.APPS_READ);
        var level = levels.level(caller, app);
        String wanted = selector == null || selector.isBlank() ? LIVE : selector.strip();
        if (LIVE.equals(wanted)) {
            return repository.liveVersion(caller.spaceId(), app);
        }
        if (!LATEST.equals(wanted) && !VERSION.matcher(wanted).matches()) {
            throw InvalidInputException.of("release", "app.release_selector_invalid",
                    "release must be 'live', 'latest' or a version such as 1.2.0");
        }
        // Apps pin a module's release (T-M1), so whoever may use a module may run any of its releases.
        boolean moduleRelease = !LATEST.equals(wanted) && !level.atLeast(AccessLevel.EDIT)
                && apps.app(caller.spaceId(), app).filter(App::module).isPresent();
        if (!level.atLeast(AccessLevel.EDIT) && !moduleRelease) {
            throw new ForbiddenException("app.release_forbidden", "You need Edit on this app to open "
                    + (LATEST.equals(wanted) ? "its draft" : "a release other than the live one") + ".");
        }
        if (LATEST.equals(wanted)) {
            return Optional.empty();
        }
        return Optional.of(find(caller, app, wanted).release().version());
    }

    /** The document to run for the selector (see {@link #select}). */
    @Transactional(readOnly = true)
    public ResolvedDocument resolve(Caller caller, AppId app, String selector) {
        var version = select(caller, app, selector);
        var live = repository.liveVersion(caller.spaceId(), app);
        if (version.isEmpty()) {
            var draft = repository.find(caller.spaceId(), app).orElseThrow(() -> AppLevels.notFound(app));
            return new ResolvedDocument(app, null, live.isEmpty(), AppDocuments.JSON.readTree(draft.text()));
        }
        var release = find(caller, app, version.get());
        return new ResolvedDocument(app, version.get(), release.release().live(),
                AppDocuments.JSON.readTree(release.text()));
    }

    private AppDocumentRepository.StoredRelease find(Caller caller, AppId app, String version) {
        return Optional.ofNullable(version).filter(v -> VERSION.matcher(v).matches())
                .flatMap(v -> repository.release(caller.spaceId(), app, v))
                .orElseThrow(() -> new NotFoundException("app.release_not_found", "The app has no release " + version
                        + "."));
    }
}
