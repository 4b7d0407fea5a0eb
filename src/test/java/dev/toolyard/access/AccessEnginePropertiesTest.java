package dev.toolyard.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.toolyard.ToolyardApplication;
import dev.toolyard.apps.AppManagement;
import dev.toolyard.resources.ResourceKind;
import dev.toolyard.resources.ResourceManagement;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.FolderId;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.ResourceFolderId;
import dev.toolyard.shared.ResourceId;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;
import dev.toolyard.testing.TestClockConfiguration;
import dev.toolyard.testing.TestDatabases;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * T-A2–T-A7 as properties: random spaces with users, built-in and custom groups, memberships,
 * folders, apps, resource folders and resources; then random steps through the real services
 * (group access saved with and without applying folder levels, apps and resources created in
 * and moved between folders, deleted, members joining and leaving, groups deleted). After every
 * step the engine's level for every (user, object) and every user's visible apps must equal a
 * deliberately naive model that follows the rules literally: it replays each step on plain maps
 * and takes the highest level of the user's groups by brute force. The engine applies each step to
 * its snapshot as a change (T-D3), so after every step that snapshot must also equal one loaded afresh
 * from the database, derived indexes included.
 * <p>
 * One Spring context for the class (started on first use, closed after the last try), one fresh
 * space per try: spaces isolate everything, so tries never see each other.
 */
class AccessEnginePropertiesTest {

    private static ConfigurableApplicationContext context;

    private static synchronized ConfigurableApplicationContext context() {
        if (context == null) {
            context = new SpringApplicationBuilder(ToolyardApplication.class, TestClockConfiguration.class)
                    .run("--toolyard.db.url=" + TestDatabases.createDatabase(), "--server.port=0",
                            "--toolyard.data-dir=target/test-data");
        }
        return context;
    }

    @AfterContainer
    static synchronized void closeContext() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    @Property(tries = 100, shrinking = ShrinkingMode.BOUNDED)
    void theEngineAgreesWithANaiveReadingOfTheRules(@ForAll("spaces") Setup setup, @ForAll("steps") List<Step> steps) {
        var world = new World(context(), setup);
        world.check("after setup");
        for (var step : steps) {
            world.apply(step);
            world.check("after " + step);
        }
        world.engine.invalidateAll();
        world.check("after reloading every snapshot");
    }

    // ------------------------------------------------------------------ what is generated

    /** The space's starting content; users' built-in groups are bit sets (1 Viewer, 2 Editor, 4 Admin). */
    record Setup(List<Integer> users, int customGroups, int folders, List<Integer> apps, int resourceFolders,
            List<Integer> resources) {
    }

    /** One step; indexes are taken modulo what exists when the step runs (-1: the root). */
    sealed interface Step permits Save, CreateApp, MoveApp, DeleteApp, CreateResource, MoveResource,
            DeleteResource, Join, Leave, DeleteGroup {
    }

    /** Save a group's access; group 0 is All Users, 1–3 Viewer, Editor, Admin, 4+ custom groups. */
    record Save(int group, Grants apps, Grants resources) implements Step {
    }

    record Grants(AccessLevel global, Map<Integer, AccessLevel> folders, Map<Integer, AccessLevel> objects,
            Set<Integer> applyTo) {
    }

    record CreateApp(int folder) implements Step {
    }

    record MoveApp(int app, int folder) implements Step {
    }

    record DeleteApp(int app) implements Step {
    }

    record CreateResource(int folder) implements Step {
    }

    record MoveResource(int resource, int folder) implements Step {
    }

    record DeleteResource(int resource) implements Step {
    }

    /** Group 0 is Viewer, 1 Editor, 2 Admin, 3+ custom groups. */
    record Join(int user, int group) implements Step {
    }

    record Leave(int user, int group) implements Step {
    }

    record DeleteGroup(int group) implements Step {
    }

    @Provide
    Arbitrary<Setup> spaces() {
        var builtIns = Arbitraries.frequency(weighted(8, 0), weighted(1, 1), weighted(1, 2), weighted(1, 4));
        return Combinators.combine(builtIns.list().ofMinSize(1).ofMaxSize(4), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(-1, 2).list().ofMaxSize(5),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(-1, 1).list().ofMaxSize(3))
                .as(Setup::new);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        var index = Arbitraries.integers().between(0, 5);
        var place = Arbitraries.integers().between(-1, 3);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                weighted(6, save()),
                weighted(2, place.map(CreateApp::new)),
                weighted(3, Combinators.combine(index, place).as(MoveApp::new)),
                weighted(1, index.map(DeleteApp::new)),
                weighted(1, place.map(CreateResource::new)),
                weighted(2, Combinators.combine(index, place).as(MoveResource::new)),
                weighted(1, index.map(DeleteResource::new)),
                weighted(2, Combinators.combine(index, Arbitraries.integers().between(0, 6)).as(Join::new)),
                weighted(1, Combinators.combine(index, Arbitraries.integers().between(0, 6)).as(Leave::new)),
                weighted(1, Arbitraries.integers().between(0, 3).map(DeleteGroup::new)));
        return step.list().ofMaxSize(10);
    }

    private Arbitrary<Step> save() {
        var group = Arbitraries.frequency(weighted(2, 0), weighted(1, 1), weighted(1, 2), weighted(1, 3), weighted(10, 4),
                weighted(6, 5), weighted(4, 6));
        return Combinators.combine(group, grants(Arbitraries.of(AccessLevel.values())),
                grants(Arbitraries.frequency(weighted(10, AccessLevel.USE), weighted(10, AccessLevel.EDIT),
                        weighted(1, AccessLevel.OWN))))
                .as(Save::new);
    }

    private static <T> Tuple2<Integer, T> weighted(int weight, T value) {
        return Tuple.of(weight, value);
    }

    private static Arbitrary<Grants> grants(Arbitrary<AccessLevel> levels) {
        var keys = Arbitraries.integers().between(0, 5);
        return Combinators.combine(levels.injectNull(0.6), Arbitraries.maps(keys, levels).ofMaxSize(3),
                Arbitraries.maps(keys, levels).ofMaxSize(3), keys.set().ofMaxSize(2)).as(Grants::new);
    }

    // ------------------------------------------------------------------ the real thing and the model, side by side

    /** One space in the database, driven through the services, and the model of it. */
    static final class World {

        final AccessEngine engine;
        final GroupManagement groupManagement;
        final AppManagement apps;
        final ResourceManagement resources;
        final JdbcClient jdbc;
        final SnapshotLoader loader;
        final SpaceId space;
        final Caller admin;
        final Model model = new Model();
        final List<String> log = new ArrayList<>();

        World(ConfigurableApplicationContext context, Setup setup) {
            engine = context.getBean(AccessEngine.class);
            groupManagement = context.getBean(GroupManagement.class);
            apps = context.getBean(AppManagement.class);
            resources = context.getBean(ResourceManagement.class);
            jdbc = context.getBean(JdbcClient.class);
            loader = context.getBean(SnapshotLoader.class);
            var groups = context.getBean(PermissionGroups.class);
            space = SpaceId.random();
            var now = java.time.Instant.now().atOffset(ZoneOffset.UTC);
            jdbc.sql("insert into spaces (id, name, is_admin_space, created_at, updated_at) values (?, ?, false, ?, ?)")
                    .params(space.value(), "Property " + space, now, now).update();
            groups.provisionBuiltInGroups(space);
            for (var group : groupManagement.list(systemCaller())) {
                model.groups.add(new ModelGroup(group.group().id(), group.group().builtIn()));
            }
            // The actor: a space admin, in the Admin group like any space admin, and part of the model.
            var actor = user();
            groupManagement.addMember(systemCaller(), model.builtIn(BuiltInGroup.ADMIN).id, actor);
            model.builtIn(BuiltInGroup.ADMIN).members.add(actor.value());
            model.users.add(actor.value());
            admin = Caller.session(actor, "property admin", space, false, true, "127.0.0.1");
            // Someone in no group but All Users.
            model.users.add(user().value());
            for (int builtIns : setup.users()) {
                var person = user();
                model.users.add(person.value());
                for (var builtIn : List.of(BuiltInGroup.VIEWER, BuiltInGroup.EDITOR, BuiltInGroup.ADMIN)) {
                    if ((builtIns & (1 << (builtIn.ordinal() - 1))) != 0) {
                        groupManagement.addMember(admin, model.builtIn(builtIn).id, person);
                        model.builtIn(builtIn).members.add(person.value());
                    }
                }
            }
            for (int i = 0; i < setup.customGroups(); i++) {
                var group = groupManagement.create(admin, "Group " + i);
                model.groups.add(new ModelGroup(group.id(), null));
            }
            for (int i = 0; i < setup.folders(); i++) {
                model.folders.add(apps.createFolder(admin, "Folder " + i + " " + UUID.randomUUID()).id().value());
            }
            for (int folder : setup.apps()) {
                apply(new CreateApp(folder));
            }
            for (int i = 0; i < setup.resourceFolders(); i++) {
                model.resourceFolders.add(resources.createFolder(admin, "Resources " + i + " " + UUID.randomUUID())
                        .id().value());
            }
            for (int folder : setup.resources()) {
                apply(new CreateResource(folder));
            }
            log.add("setup " + setup);
        }

        /** Space admin powers without being anyone in particular, to read the built-in groups. */
        private Caller systemCaller() {
            return Caller.session(UserId.random(), "property setup", space, false, true, "127.0.0.1");
        }

        private UserId user() {
            var id = UserId.random();
            var now = java.time.Instant.now().atOffset(ZoneOffset.UTC);
            jdbc.sql("insert into users (id, email, created_at) values (?, ?, ?)")
                    .params(id.value(), id + "@property.example", now).update();
            jdbc.sql("insert into space_memberships (space_id, user_id, state, created_at) values (?, ?, 'ENABLED', ?)")
                    .params(space.value(), id.value(), now).update();
            return id;
        }

        void apply(Step step) {
            log.add(step.toString());
            if (step instanceof Save save) {
                save(save);
            } else if (step instanceof CreateApp create) {
                UUID folder = pick(model.folders, create.folder());
                var app = apps.createApp(admin, "App " + UUID.randomUUID(), folder == null ? null : new FolderId(folder));
                model.placeApp(app.id().value(), folder);
            } else if (step instanceof MoveApp move) {
                UUID app = pick(List.copyOf(model.appFolder.keySet()), move.app());
                if (app != null) {
                    UUID folder = pick(model.folders, move.folder());
                    apps.moveApp(admin, new AppId(app), folder == null ? null : new FolderId(folder));
                    model.placeApp(app, folder);
                }
            } else if (step instanceof DeleteApp delete) {
                UUID app = pick(List.copyOf(model.appFolder.keySet()), delete.app());
                if (app != null) {
                    apps.deleteApp(admin, new AppId(app));
                    model.appFolder.remove(app);
                    model.groups.forEach(group -> group.appLevels.remove(app));
                }
            } else if (step instanceof CreateResource create) {
                UUID folder = pick(model.resourceFolders, create.folder());
                var resource = resources.create(admin, "Resource " + UUID.randomUUID(), ResourceKind.REST,
                        folder == null ? null : new ResourceFolderId(folder));
                model.placeResource(resource.id().value(), folder);
            } else if (step instanceof MoveResource move) {
                UUID resource = pick(List.copyOf(model.resourceFolder.keySet()), move.resource());
                if (resource != null) {
                    UUID folder = pick(model.resourceFolders, move.folder());
                    resources.update(admin, new ResourceId(resource), null,
                            folder == null ? null : new ResourceFolderId(folder), true);
                    model.placeResource(resource, folder);
                }
            } else if (step instanceof DeleteResource delete) {
                UUID resource = pick(List.copyOf(model.resourceFolder.keySet()), delete.resource());
                if (resource != null) {
                    resources.delete(admin, new ResourceId(resource));
                    model.resourceFolder.remove(resource);
                    model.groups.forEach(group -> group.resourceLevels.remove(resource));
                }
            } else if (step instanceof Join join) {
                var group = memberGroup(join.group());
                UUID user = pick(model.users.subList(1, model.users.size()), join.user());
                groupManagement.addMember(admin, group.id, new UserId(user));
                group.members.add(user);
            } else if (step instanceof Leave leave) {
                var group = memberGroup(leave.group());
                UUID user = pick(model.users.subList(1, model.users.size()), leave.user());
                groupManagement.removeMember(admin, group.id, new UserId(user));
                group.members.remove(user);
            } else if (step instanceof DeleteGroup delete) {
                var custom = model.custom();
                if (!custom.isEmpty()) {
                    var group = custom.get(delete.group() % custom.size());
                    groupManagement.delete(admin, group.id);
                    model.groups.remove(group);
                }
            }
        }

        private void save(Save save) {
            var group = saveGroup(save.group());
            var folders = resolve(save.apps().folders(), model.folders);
            var appLevels = resolve(save.apps().objects(), List.copyOf(model.appFolder.keySet()));
            var applyToApps = resolve(save.apps().applyTo(), model.folders);
            var resourceFolders = resolve(save.resources().folders(), model.resourceFolders);
            var resourceLevels = resolve(save.resources().objects(), List.copyOf(model.resourceFolder.keySet()));
            var applyToResources = resolve(save.resources().applyTo(), model.resourceFolders);
            var change = new AccessChange(new GroupAccess(save.apps().global(), folders, appLevels,
                    save.resources().global(), resourceFolders, resourceLevels, EnumSet.noneOf(AdditionalAccess.class)),
                    applyToApps, applyToResources);
            boolean ownOnResources = save.resources().global() == AccessLevel.OWN
                    || resourceFolders.containsValue(AccessLevel.OWN) || resourceLevels.containsValue(AccessLevel.OWN);
            boolean fixed = group.builtIn != null && group.builtIn != BuiltInGroup.ALL_USERS;
            if (fixed) {
                // T-G1: refused, nothing changes.
                assertThatThrownBy(() -> groupManagement.saveAccess(admin, group.id, change))
                        .isInstanceOfSatisfying(ConflictException.class,
                                e -> assertThat(e.code()).isEqualTo("group.built_in_rules_fixed"));
                return;
            }
            if (ownOnResources) {
                // T-A4: resources stop at Edit; refused, nothing changes.
                assertThatThrownBy(() -> groupManagement.saveAccess(admin, group.id, change))
                        .isInstanceOfSatisfying(InvalidInputException.class,
                                e -> assertThat(e.code()).isEqualTo("access.invalid_level"));
                return;
            }
            groupManagement.saveAccess(admin, group.id, change);
            // The rules, literally: the saved access replaces the old; a folder whose box is ticked
            // sets its level (or none) on every app in it now.
            group.globalApps = save.apps().global();
            group.folderLevels = new HashMap<>(folders);
            group.appLevels = new HashMap<>(appLevels);
            for (UUID folder : applyToApps) {
                model.appFolder.forEach((app, in) -> {
                    if (folder.equals(in)) {
                        setOrRemove(group.appLevels, app, folders.get(folder));
                    }
                });
            }
            group.globalResources = save.resources().global();
            group.resourceFolderLevels = new HashMap<>(resourceFolders);
            group.resourceLevels = new HashMap<>(resourceLevels);
            for (UUID folder : applyToResources) {
                model.resourceFolder.forEach((resource, in) -> {
                    if (folder.equals(in)) {
                        setOrRemove(group.resourceLevels, resource, resourceFolders.get(folder));
                    }
                });
            }
        }

        private ModelGroup saveGroup(int index) {
            if (index < 4) {
                return model.builtIn(BuiltInGroup.values()[index]);
            }
            var custom = model.custom();
            return custom.isEmpty() ? model.builtIn(BuiltInGroup.ALL_USERS) : custom.get((index - 4) % custom.size());
        }

        private ModelGroup memberGroup(int index) {
            var custom = model.custom();
            if (index < 3 || custom.isEmpty()) {
                return model.builtIn(List.of(BuiltInGroup.VIEWER, BuiltInGroup.EDITOR, BuiltInGroup.ADMIN).get(index % 3));
            }
            return custom.get((index - 3) % custom.size());
        }

        /** The kept snapshot against a fresh load, then every (user, object) and every user's visible apps, engine against model. */
        void check(String when) {
            assertThat(engine.snapshot(space).contents()).as("kept snapshot against a fresh load %s; steps:%n%s", when,
                    String.join("\n", log)).isEqualTo(loader.load(space).contents());
            var mismatches = new ArrayList<String>();
            for (UUID user : model.users) {
                var id = new UserId(user);
                for (UUID app : model.appFolder.keySet()) {
                    compare(mismatches, user, new AccessObject.App(new AppId(app)), model.appLevel(user, app));
                }
                for (UUID folder : model.folders) {
                    compare(mismatches, user, new AccessObject.Folder(new FolderId(folder)), model.folderLevel(user, folder));
                }
                for (UUID resource : model.resourceFolder.keySet()) {
                    compare(mismatches, user, new AccessObject.Resource(new ResourceId(resource)),
                            model.resourceLevel(user, resource));
                }
                for (UUID folder : model.resourceFolders) {
                    compare(mismatches, user, new AccessObject.ResourceFolder(new ResourceFolderId(folder)),
                            model.resourceFolderLevel(user, folder));
                }
                var visible = model.appFolder.keySet().stream().filter(app -> model.appLevel(user, app) != null)
                        .collect(Collectors.toSet());
                var engineVisible = engine.visibleApps(space, id, null).stream().map(AppId::value).collect(Collectors.toSet());
                if (!engineVisible.equals(visible)) {
                    mismatches.add("visible apps of " + user + ": engine " + engineVisible + ", model " + visible);
                }
                for (UUID folder : model.folders) {
                    var inFolder = visible.stream().filter(app -> folder.equals(model.appFolder.get(app)))
                            .collect(Collectors.toSet());
                    var engineInFolder = engine.visibleApps(space, id, new FolderId(folder)).stream().map(AppId::value)
                            .collect(Collectors.toSet());
                    if (!engineInFolder.equals(inFolder)) {
                        mismatches.add("visible apps of " + user + " in " + folder + ": engine " + engineInFolder
                                + ", model " + inFolder);
                    }
                }
            }
            assertThat(mismatches).as("%s; steps:%n%s", when, String.join("\n", log)).isEmpty();
        }

        private void compare(List<String> mismatches, UUID user, AccessObject object, AccessLevel expected) {
            var actual = engine.level(space, new UserId(user), object).orElse(null);
            if (actual != expected) {
                mismatches.add(object + " for " + user + ": engine " + actual + ", model " + expected);
                return;
            }
            var explained = engine.explain(space, new UserId(user), object);
            var winners = explained.contributions().stream().filter(AccessExplanation.Contribution::winner).toList();
            if (explained.effective().orElse(null) != expected || winners.size() != (expected == null ? 0 : 1)
                    || (expected != null && winners.get(0).level() != expected)) {
                mismatches.add(object + " for " + user + ": explained " + explained + ", model " + expected);
            }
        }

        private static UUID pick(List<UUID> among, int index) {
            return index < 0 || among.isEmpty() ? null : among.get(index % among.size());
        }

        private static Map<UUID, AccessLevel> resolve(Map<Integer, AccessLevel> levels, List<UUID> among) {
            var resolved = new LinkedHashMap<UUID, AccessLevel>();
            if (!among.isEmpty()) {
                levels.forEach((index, level) -> resolved.put(among.get(index % among.size()), level));
            }
            return resolved;
        }

        private static Set<UUID> resolve(Set<Integer> indexes, List<UUID> among) {
            var resolved = new HashSet<UUID>();
            if (!among.isEmpty()) {
                indexes.forEach(index -> resolved.add(among.get(index % among.size())));
            }
            return resolved;
        }

        private static void setOrRemove(Map<UUID, AccessLevel> levels, UUID key, AccessLevel level) {
            if (level == null) {
                levels.remove(key);
            } else {
                levels.put(key, level);
            }
        }
    }

    /** A group as the rules describe it: global levels, levels per folder (its default), per object. */
    static final class ModelGroup {

        final GroupId id;
        final BuiltInGroup builtIn;
        final Set<UUID> members = new HashSet<>();
        AccessLevel globalApps;
        Map<UUID, AccessLevel> folderLevels = new HashMap<>();
        Map<UUID, AccessLevel> appLevels = new HashMap<>();
        AccessLevel globalResources;
        Map<UUID, AccessLevel> resourceFolderLevels = new HashMap<>();
        Map<UUID, AccessLevel> resourceLevels = new HashMap<>();

        ModelGroup(GroupId id, BuiltInGroup builtIn) {
            this.id = id;
            this.builtIn = builtIn;
        }
    }

    /** The space as plain collections, and the rules read literally. */
    static final class Model {

        final List<UUID> users = new ArrayList<>();
        final List<ModelGroup> groups = new ArrayList<>();
        final List<UUID> folders = new ArrayList<>();
        final List<UUID> resourceFolders = new ArrayList<>();
        final Map<UUID, UUID> appFolder = new LinkedHashMap<>();
        final Map<UUID, UUID> resourceFolder = new LinkedHashMap<>();

        ModelGroup builtIn(BuiltInGroup builtIn) {
            return groups.stream().filter(group -> group.builtIn == builtIn).findFirst().orElseThrow();
        }

        List<ModelGroup> custom() {
            return groups.stream().filter(group -> group.builtIn == null).toList();
        }

        /** T-A3: an app created in or moved into a folder takes each group's level of that folder. */
        void placeApp(UUID app, UUID folder) {
            appFolder.put(app, folder);
            if (folder != null) {
                groups.forEach(group -> {
                    if (group.folderLevels.containsKey(folder)) {
                        group.appLevels.put(app, group.folderLevels.get(folder));
                    }
                });
            }
        }

        void placeResource(UUID resource, UUID folder) {
            resourceFolder.put(resource, folder);
            if (folder != null) {
                groups.forEach(group -> {
                    if (group.resourceFolderLevels.containsKey(folder)) {
                        group.resourceLevels.put(resource, group.resourceFolderLevels.get(folder));
                    }
                });
            }
        }

        /** T-A7: the groups a user is in, All Users always. */
        private List<ModelGroup> groupsOf(UUID user) {
            return groups.stream().filter(group -> group.builtIn == BuiltInGroup.ALL_USERS || group.members.contains(user))
                    .toList();
        }

        AccessLevel appLevel(UUID user, UUID app) {
            AccessLevel best = null;
            for (var group : groupsOf(user)) {
                best = highest(best, builtInAppLevel(group) != null ? builtInAppLevel(group)
                        : highest(group.globalApps, group.appLevels.get(app)));
            }
            return best;
        }

        AccessLevel folderLevel(UUID user, UUID folder) {
            AccessLevel best = null;
            for (var group : groupsOf(user)) {
                best = highest(best, builtInAppLevel(group) != null ? builtInAppLevel(group)
                        : highest(group.globalApps, group.folderLevels.get(folder)));
            }
            return best;
        }

        AccessLevel resourceLevel(UUID user, UUID resource) {
            AccessLevel best = null;
            for (var group : groupsOf(user)) {
                best = highest(best, builtInResourceLevel(group) != null ? builtInResourceLevel(group)
                        : highest(group.globalResources, group.resourceLevels.get(resource)));
            }
            return best;
        }

        AccessLevel resourceFolderLevel(UUID user, UUID folder) {
            AccessLevel best = null;
            for (var group : groupsOf(user)) {
                best = highest(best, builtInResourceLevel(group) != null ? builtInResourceLevel(group)
                        : highest(group.globalResources, group.resourceFolderLevels.get(folder)));
            }
            return best;
        }

        /** T-G1: Admin owns every app and folder, Editor edits, Viewer uses. */
        private static AccessLevel builtInAppLevel(ModelGroup group) {
            if (group.builtIn == null) {
                return null;
            }
            return switch (group.builtIn) {
                case ADMIN -> AccessLevel.OWN;
                case EDITOR -> AccessLevel.EDIT;
                case VIEWER -> AccessLevel.USE;
                case ALL_USERS -> null;
            };
        }

        /** T-G1, T-A4: on resources Admin's Own is Edit. */
        private static AccessLevel builtInResourceLevel(ModelGroup group) {
            if (group.builtIn == null) {
                return null;
            }
            return switch (group.builtIn) {
                case ADMIN, EDITOR -> AccessLevel.EDIT;
                case VIEWER -> AccessLevel.USE;
                case ALL_USERS -> null;
            };
        }

        private static AccessLevel highest(AccessLevel a, AccessLevel b) {
            if (a == null) {
                return b;
            }
            return b == null || a.compareTo(b) >= 0 ? a : b;
        }
    }
}
