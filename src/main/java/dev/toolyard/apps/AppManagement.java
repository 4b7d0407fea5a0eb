package dev.toolyard.apps;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.access.AccessEngine;
import dev.toolyard.access.AccessExplanation;
import dev.toolyard.access.AccessLevel;
import dev.toolyard.access.AccessObject;
import dev.toolyard.access.AccessObjects;
import dev.toolyard.access.Action;
import dev.toolyard.access.MemberDirectory;
import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.FieldProblem;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.FolderId;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/**
 * Folders and apps under the access rules: Use to see an app, Edit to change it, Own to delete
 * or move it; Edit on a folder (or on all apps) to create apps in it (T-A1–T-A3). An app the
 * caller may not use is "not found", as is anything of another space.
 */
@Service
public class AppManagement {

    private static final int MAX_NAME = 120;

    private final AppRepository repository;
    private final AppDocumentRepository documents;
    private final AccessEngine engine;
    private final AccessObjects accessObjects;
    private final MemberDirectory directory;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AppManagement(AppRepository repository, AppDocumentRepository documents, AccessEngine engine, AccessObjects accessObjects, MemberDirectory directory,
            ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.documents = documents;
        this.engine = engine;
        this.accessObjects = accessObjects;
        this.directory = directory;
        this.events = events;
        this.clock = clock;
    }

    /** Folders the caller can reach: by a folder or global level, or because an app in it is visible. */
    @Transactional(readOnly = true)
    public List<Folder> folders(Caller caller) {
        caller.requireScope(ApiScope.APPS_READ);
        var space = caller.spaceId();
        var withVisibleApps = new HashSet<FolderId>();
        repository.apps(space, engine.visibleApps(space, caller.userId(), null))
                .forEach(app -> withVisibleApps.add(app.folderId()));
        return repository.folders(space).stream()
                .filter(folder -> withVisibleApps.contains(folder.id())
                        || engine.level(space, caller.userId(), new AccessObject.Folder(folder.id())).isPresent())
                .toList();
    }

    @Transactional
    public Folder createFolder(Caller caller, String name) {
        caller.requireScope(ApiScope.APPS_WRITE);
        requireGlobal(caller, AccessLevel.EDIT);
        var folder = new Folder(FolderId.random(), validName(name), clock.instant());
        if (!repository.insertFolder(caller.spaceId(), folder)) {
            throw nameTaken("folder", folder.name());
        }
        accessObjects.folderCreated(caller.spaceId());
        events.publishEvent(new AppChanged(caller, "folder.created", "folder", folder.id(), folder.name(), null,
                Map.of("name", folder.name())));
        return folder;
    }

    @Transactional
    public Folder renameFolder(Caller caller, FolderId id, String name) {
        caller.requireScope(ApiScope.APPS_WRITE);
        var folder = folderFor(caller, id, Action.OWN);
        var renamed = new Folder(id, validName(name), folder.createdAt());
        if (!repository.renameFolder(id, renamed.name())) {
            throw nameTaken("folder", renamed.name());
        }
        events.publishEvent(new AppChanged(caller, "folder.renamed", "folder", id, renamed.name(),
                Map.of("name", folder.name()), Map.of("name", renamed.name())));
        return renamed;
    }

    @Transactional
    public void deleteFolder(Caller caller, FolderId id) {
        caller.requireScope(ApiScope.APPS_WRITE);
        var folder = folderFor(caller, id, Action.OWN);
        if (!repository.folderEmpty(id)) {
            throw new ConflictException("folder.not_empty", "Move or delete the apps in '" + folder.name() + "' first.");
        }
        repository.deleteFolder(id);
        accessObjects.removed(caller.spaceId(), new AccessObject.Folder(id));
        events.publishEvent(new AppChanged(caller, "folder.deleted", "folder", id, folder.name(),
                Map.of("name", folder.name()), null));
    }

    /** Apps the caller may at least use, with their level; all of them or those of one folder. */
    @Transactional(readOnly = true)
    public List<VisibleApp> apps(Caller caller, FolderId folder) {
        return apps(caller, folder, null);
    }

    /** As {@link #apps(Caller, FolderId)}, of one kind when {@code kind} is given (modules, T-M1). */
    @Transactional(readOnly = true)
    public List<VisibleApp> apps(Caller caller, FolderId folder, AppKind kind) {
        caller.requireScope(ApiScope.APPS_READ);
        var space = caller.spaceId();
        if (folder != null) {
            folderFor(caller, folder, null);
        }
        return repository.apps(space, engine.visibleApps(space, caller.userId(), folder)).stream()
                .filter(app -> kind == null || app.kind() == kind)
                .map(app -> new VisibleApp(app, engine.level(space, caller.userId(), new AccessObject.App(app.id()))
                        .orElseThrow()))
                .toList();
    }

    @Transactional(readOnly = true)
    public VisibleApp app(Caller caller, AppId id) {
        caller.requireScope(ApiScope.APPS_READ);
        var app = appFor(caller, id, Action.USE);
        return new VisibleApp(app, engine.level(caller.spaceId(), caller.userId(), new AccessObject.App(id)).orElseThrow());
    }

    /** T-A3: Edit on the folder (or on every app, for the root) lets the caller create an app there. */
    @Transactional
    public App createApp(Caller caller, String name, FolderId folder) {
        return createApp(caller, name, folder, AppKind.APP);
    }

    /** As {@link #createApp(Caller, String, FolderId)}; a module (T-M1) starts with an empty declaration. */
    @Transactional
    public App createApp(Caller caller, String name, FolderId folder, AppKind kind) {
        caller.requireScope(ApiScope.APPS_WRITE);
        requireMayPlaceIn(caller, folder);
        var app = new App(AppId.random(), folder, validName(name), kind, clock.instant());
        repository.insertApp(caller.spaceId(), app);
        documents.insert(caller.spaceId(), app.id(), AppDocuments.canonicalText(AppDocuments.empty(kind)), caller,
                app.createdAt());
        accessObjects.appPlaced(caller.spaceId(), app.id(), folder);
        events.publishEvent(new AppChanged(caller, "app.created", "app", app.id(), app.name(), null,
                placement(app)));
        return app;
    }

    /**
     * T-AP1: a copy of the app under {@code name} in {@code folder} (null: the root). Takes Edit on
     * the app (whoever may change it may see all of it) and Edit where the copy goes, whose
     * defaults then apply. The copy gets the draft document and, through {@link AppDuplicated},
     * the app's queries and imports; not its releases, so it starts with its draft live.
     */
    @Transactional
    public App duplicateApp(Caller caller, AppId id, String name, FolderId folder) {
        caller.requireScope(ApiScope.APPS_WRITE);
        var source = appFor(caller, id, Action.EDIT);
        requireMayPlaceIn(caller, folder);
        var copy = new App(AppId.random(), folder, validName(name), source.kind(), clock.instant());
        repository.insertApp(caller.spaceId(), copy);
        var draft = documents.find(caller.spaceId(), id).orElseThrow(() -> AppLevels.notFound(id));
        documents.insert(caller.spaceId(), copy.id(), draft.text(), caller, copy.createdAt());
        accessObjects.appPlaced(caller.spaceId(), copy.id(), folder);
        events.publishEvent(new AppDuplicated(caller, id, source.name(), copy.id(), copy.name(), folder));
        return copy;
    }

    @Transactional
    public App renameApp(Caller caller, AppId id, String name) {
        caller.requireScope(ApiScope.APPS_WRITE);
        var app = appFor(caller, id, Action.EDIT);
        var renamed = new App(id, app.folderId(), validName(name), app.kind(), app.createdAt());
        repository.updateApp(renamed);
        events.publishEvent(new AppChanged(caller, "app.renamed", "app", id, renamed.name(),
                Map.of("name", app.name()), Map.of("name", renamed.name())));
        return renamed;
    }

    /** Moving takes Own on the app and Edit where it goes; the new folder's defaults then apply (T-A3). */
    @Transactional
    public App moveApp(Caller caller, AppId id, FolderId folder) {
        caller.requireScope(ApiScope.APPS_WRITE);
        var app = appFor(caller, id, Action.OWN);
        requireMayPlaceIn(caller, folder);
        var moved = new App(id, folder, app.name(), app.kind(), app.createdAt());
        repository.updateApp(moved);
        accessObjects.appPlaced(caller.spaceId(), id, folder);
        events.publishEvent(new AppChanged(caller, "app.moved", "app", id, app.name(), placement(app),
                placement(moved)));
        return moved;
    }

    @Transactional
    public void deleteApp(Caller caller, AppId id) {
        caller.requireScope(ApiScope.APPS_WRITE);
        var app = appFor(caller, id, Action.OWN);
        repository.deleteApp(id);
        accessObjects.removed(caller.spaceId(), new AccessObject.App(id));
        events.publishEvent(new AppChanged(caller, "app.deleted", "app", id, app.name(), placement(app), null));
    }

    /** Every folder and app of a space, whatever the caller's own level on them. */
    public record Tree(List<Folder> folders, List<App> apps) {
    }

    /**
     * T-G5: what a group's access editor lists. A group may hold grants on objects its editor
     * cannot use, and saving replaces the whole access, so the editor must see them all; for
     * space admins only.
     */
    @Transactional(readOnly = true)
    public Tree tree(Caller caller) {
        caller.requireScope(ApiScope.APPS_READ);
        caller.requireSpaceAdmin();
        return new Tree(repository.folders(caller.spaceId()), repository.allApps(caller.spaceId()));
    }

    /** One object a person can reach, with the groups that give it (the access tab, T-U6). */
    public record Reach(String kind, String id, String name, String folder, AccessExplanation explanation) {
    }

    /** T-U6: every folder and app the user can reach, explained; for space admins. */
    @Transactional(readOnly = true)
    public List<Reach> reachOf(Caller caller, UserId user) {
        caller.requireScope(ApiScope.GROUPS_READ);
        caller.requireSpaceAdmin();
        SpaceId space = caller.spaceId();
        directory.state(space, user)
                .orElseThrow(() -> new NotFoundException("user.not_found", "There is no user " + user + " in this space."));
        var folderNames = new HashMap<FolderId, String>();
        repository.folders(space).forEach(folder -> folderNames.put(folder.id(), folder.name()));
        var reach = new ArrayList<Reach>();
        for (var folder : repository.folders(space)) {
            var explanation = engine.explain(space, user, new AccessObject.Folder(folder.id()));
            if (explanation.effective().isPresent()) {
                reach.add(new Reach("folder", folder.id().toString(), folder.name(), null, explanation));
            }
        }
        for (var app : repository.apps(space, engine.visibleApps(space, user, null))) {
            reach.add(new Reach("app", app.id().toString(), app.name(), folderNames.get(app.folderId()),
                    engine.explain(space, user, new AccessObject.App(app.id()))));
        }
        reach.sort(Comparator.comparing(Reach::kind).reversed().thenComparing(r -> r.name().toLowerCase(Locale.ROOT)));
        return reach;
    }

    private void requireMayPlaceIn(Caller caller, FolderId folder) {
        if (folder == null) {
            requireGlobal(caller, AccessLevel.EDIT);
            return;
        }
        folderFor(caller, folder, null);
        if (!engine.canDo(caller.spaceId(), caller.userId(), Action.CREATE_IN, new AccessObject.Folder(folder))) {
            throw new ForbiddenException("access.denied", "You need Edit on this folder to put apps in it.");
        }
    }

    private void requireGlobal(Caller caller, AccessLevel level) {
        var global = engine.globalAppLevel(caller.spaceId(), caller.userId());
        if (global.filter(found -> found.atLeast(level)).isEmpty()) {
            throw new ForbiddenException("access.denied", "You need " + level.name() + " on all apps of the space for this.");
        }
    }

    /** The folder, when it is in the caller's space; {@code action}, when given, must be allowed on it. */
    private Folder folderFor(Caller caller, FolderId id, Action action) {
        var folder = repository.folder(caller.spaceId(), id)
                .orElseThrow(() -> new NotFoundException("folder.not_found", "There is no folder " + id + "."));
        if (action != null && !engine.canDo(caller.spaceId(), caller.userId(), action, new AccessObject.Folder(id))) {
            throw ForbiddenException.denied();
        }
        return folder;
    }

    /** An app the caller may not even use is "not found"; one they use but may not change is forbidden. */
    private App appFor(Caller caller, AppId id, Action action) {
        var app = repository.app(caller.spaceId(), id)
                .orElseThrow(() -> new NotFoundException("app.not_found", "There is no app " + id + "."));
        var level = engine.level(caller.spaceId(), caller.userId(), new AccessObject.App(id))
                .orElseThrow(() -> new NotFoundException("app.not_found", "There is no app " + id + "."));
        if (!level.atLeast(action.required())) {
            throw ForbiddenException.denied();
        }
        return app;
    }

    private static Map<String, Object> placement(App app) {
        var state = new HashMap<String, Object>();
        state.put("name", app.name());
        state.put("folder", app.folderId() == null ? null : app.folderId().toString());
        if (app.module()) {
            state.put("kind", app.kind().value());
        }
        return state;
    }

    private static String validName(String name) {
        String value = name == null ? "" : name.strip();
        if (value.isEmpty() || value.length() > MAX_NAME) {
            throw InvalidInputException.of("name", "field.size", "name must be between 1 and " + MAX_NAME + " characters");
        }
        return value;
    }

    private static ConflictException nameTaken(String kind, String name) {
        return new ConflictException(kind + ".name_taken", "A " + kind + " named '" + name + "' already exists.",
                new FieldProblem("name", kind + ".name_taken", "is already taken"));
    }
}
