package dev.toolyard.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.toolyard.shared.AppId;
import dev.toolyard.shared.FolderId;
import dev.toolyard.shared.ResourceFolderId;
import dev.toolyard.shared.ResourceId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;

/**
 * Issue 3, T-D3: a snapshot kept up to date change by change, as every node does on a notification,
 * must be the snapshot built afresh from the same rows. Random sequences of membership changes (of
 * one user, or of up to 300 at once, which grows the users' table over several pages), groups saved,
 * made and deleted (which renumbers the others), every group's grant on one object set, and objects
 * and folders placed, moved and removed. After every step both have equal contents, including the
 * indexes derived from them, and give every user the same level on every app and folder, the same
 * explanation and the same visible apps. The fresh snapshot numbers its groups by name, the changed
 * one in order of arrival, so equal answers do not come from equal numbering.
 */
class SpaceSnapshotChangesTest {

    private static final int USERS = 400;
    private static final int APPS = 10;
    private static final int FOLDERS = 4;
    private static final int RESOURCES = 5;
    private static final int RESOURCE_FOLDERS = 3;

    sealed interface Step permits Join, Leave, JoinMany, Save, MakeGroup, DeleteGroup, GrantOn, Place, Folders {
    }

    record Join(int user, int group) implements Step {
    }

    record Leave(int user, int group) implements Step {
    }

    /** {@code count} users from {@code first} join the group, or leave it, in one change. */
    record JoinMany(int first, int count, int group, boolean leave) implements Step {
    }

    record Save(int group, long seed) implements Step {
    }

    record MakeGroup(long seed) implements Step {
    }

    record DeleteGroup(int group) implements Step {
    }

    /** Kind 0 app, 1 folder, 2 resource, 3 resource folder. */
    record GrantOn(int kind, int object, long seed) implements Step {
    }

    /** An app (kind 0) or resource (kind 1) put in a folder, at the root (-1) or removed (-2). */
    record Place(int kind, int object, int folder) implements Step {
    }

    /** Which folders and resource folders exist, as bits. */
    record Folders(int folders, int resourceFolders) implements Step {
    }

    @Property(tries = 150, shrinking = ShrinkingMode.BOUNDED)
    void aSnapshotChangedStepByStepAnswersAsOneBuiltFromTheResult(@ForAll("steps") List<Step> steps) {
        var space = new Space();
        var changed = space.fresh();
        var log = new ArrayList<String>();
        for (var step : steps) {
            log.add(step.toString());
            changed = space.apply(step, changed);
            var fresh = space.fresh();
            String when = String.join("\n", log);
            assertSameContents(changed.contents(), fresh.contents(), when);
            assertSameAnswers(changed, fresh, space, when);
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        var user = Arbitraries.integers().between(0, USERS - 1);
        var group = Arbitraries.integers().between(0, 12);
        var seed = Arbitraries.longs();
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                Tuple.of(6, Combinators.combine(user, group).as(Join::new)),
                Tuple.of(3, Combinators.combine(user, group).as(Leave::new)),
                Tuple.of(2, Combinators.combine(user, Arbitraries.integers().between(1, 300), group,
                        Arbitraries.of(false, false, true)).as(JoinMany::new)),
                Tuple.of(4, Combinators.combine(group, seed).as(Save::new)),
                Tuple.of(2, seed.map(MakeGroup::new)),
                Tuple.of(1, group.map(DeleteGroup::new)),
                Tuple.of(4, Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 9),
                        seed).as(GrantOn::new)),
                Tuple.of(3, Combinators.combine(Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 9),
                        Arbitraries.integers().between(-2, FOLDERS - 1)).as(Place::new)),
                Tuple.of(1, Combinators.combine(Arbitraries.integers().between(0, 15), Arbitraries.integers().between(0, 7))
                        .as(Folders::new)));
        return step.list().ofMinSize(1).ofMaxSize(25);
    }

    private static void assertSameContents(SpaceSnapshot.Contents changed, SpaceSnapshot.Contents fresh, String when) {
        var differences = new ArrayList<String>();
        differences.addAll(differences("group", changed.groups(), fresh.groups()));
        differences.addAll(differences("level everywhere of", changed.appLevelsEverywhere(), fresh.appLevelsEverywhere()));
        differences.addAll(differences("groups of user", changed.memberships(), fresh.memberships()));
        differences.addAll(differences("grants on app", changed.grantsByApp(), fresh.grantsByApp()));
        differences.addAll(differences("folder of app", changed.appFolders(), fresh.appFolders()));
        differences.addAll(differences("folder of resource", changed.resourceFolders(), fresh.resourceFolders()));
        assertThat(differences).as("after%n%s", when).isEmpty();
        assertThat(changed).as("after%n%s", when).isEqualTo(fresh);
    }

    /** The keys whose values differ, each with both values, rather than two whole maps to compare by eye. */
    private static <K, V> List<String> differences(String what, Map<K, V> changed, Map<K, V> fresh) {
        var keys = new HashSet<K>(changed.keySet());
        keys.addAll(fresh.keySet());
        var differences = new ArrayList<String>();
        for (K key : keys) {
            if (changed.containsKey(key) != fresh.containsKey(key) || !Objects.equals(changed.get(key), fresh.get(key))) {
                differences.add(what + " " + key + ": changed " + (changed.containsKey(key) ? changed.get(key) : "absent")
                        + ", fresh " + (fresh.containsKey(key) ? fresh.get(key) : "absent"));
            }
        }
        return differences;
    }

    private static void assertSameAnswers(SpaceSnapshot changed, SpaceSnapshot fresh, Space space, String when) {
        var mismatches = new ArrayList<String>();
        var objects = new ArrayList<AccessObject>();
        for (UUID app : space.apps) {
            objects.add(new AccessObject.App(new AppId(app)));
        }
        for (UUID folder : space.folders) {
            objects.add(new AccessObject.Folder(new FolderId(folder)));
        }
        objects.add(new AccessObject.Resource(new ResourceId(space.resources[0])));
        objects.add(new AccessObject.ResourceFolder(new ResourceFolderId(space.resourceFolders[0])));
        for (int u = 0; u < USERS; u++) {
            UUID user = space.users[u];
            for (var object : objects) {
                var expected = fresh.level(user, object);
                if (!changed.level(user, object).equals(expected)) {
                    mismatches.add(object + " for user " + u + ": changed " + changed.level(user, object) + ", fresh " + expected);
                }
            }
            if (!Set.copyOf(changed.visibleApps(user, null)).equals(Set.copyOf(fresh.visibleApps(user, null)))) {
                mismatches.add("visible apps of user " + u);
            }
            if (!changed.additionalAccess(user).equals(fresh.additionalAccess(user))) {
                mismatches.add("additional access of user " + u);
            }
            if (u % 40 == 0 && !changed.explain(user, objects.get(0)).equals(fresh.explain(user, objects.get(0)))) {
                mismatches.add("explanation for user " + u + ": changed " + changed.explain(user, objects.get(0))
                        + ", fresh " + fresh.explain(user, objects.get(0)));
            }
        }
        assertThat(mismatches).as("after%n%s", when).isEmpty();
    }

    /** The rows of one space, changed step by step; {@link #fresh()} builds a snapshot from them as a load does. */
    static final class Space {

        final UUID[] users = ids(1, USERS);
        final UUID[] apps = ids(2, APPS);
        final UUID[] folders = ids(3, FOLDERS);
        final UUID[] resources = ids(4, RESOURCES);
        final UUID[] resourceFolders = ids(5, RESOURCE_FOLDERS);
        final List<SpaceSnapshot.Group> groups = new ArrayList<>();
        final Map<UUID, Set<GroupId>> members = new HashMap<>();
        final Map<UUID, UUID> appFolders = new LinkedHashMap<>();
        final Map<UUID, UUID> resourcePlaces = new LinkedHashMap<>();
        final Set<UUID> folderIds = new HashSet<>(List.of(folders));
        final Set<UUID> resourceFolderIds = new HashSet<>(List.of(resourceFolders));
        private int made;

        Space() {
            groups.add(group(new Random(1), "All Users", BuiltInGroup.ALL_USERS));
            groups.add(group(new Random(2), "Viewer", BuiltInGroup.VIEWER));
            groups.add(group(new Random(3), "Editor", BuiltInGroup.EDITOR));
            groups.add(group(new Random(4), "Admin", BuiltInGroup.ADMIN));
            groups.add(group(new Random(5), "zeta", null));
            groups.add(group(new Random(6), "Alpha", null));
            for (int a = 0; a < APPS - 2; a++) {
                appFolders.put(apps[a], a % 3 == 0 ? null : folders[a % FOLDERS]);
            }
            for (int r = 0; r < RESOURCES - 1; r++) {
                resourcePlaces.put(resources[r], r % 2 == 0 ? null : resourceFolders[r % RESOURCE_FOLDERS]);
            }
            for (int u = 0; u < USERS / 4; u++) {
                members.computeIfAbsent(users[u], id -> new HashSet<>()).add(groups.get(4 + u % 2).id());
            }
        }

        /** What {@code SnapshotLoader.load} would build: groups by name, each user's groups as indexes. */
        SpaceSnapshot fresh() {
            var byName = new ArrayList<>(groups);
            byName.sort(Comparator.comparing((SpaceSnapshot.Group group) -> group.name().toLowerCase(Locale.ROOT))
                    .thenComparing(group -> group.id().value()));
            var index = new HashMap<GroupId, Integer>();
            for (int i = 0; i < byName.size(); i++) {
                index.put(byName.get(i).id(), i);
            }
            var memberships = new HashMap<UUID, int[]>();
            members.forEach((user, ids) -> {
                if (!ids.isEmpty()) {
                    memberships.put(user, ids.stream().mapToInt(index::get).toArray());
                }
            });
            return new SpaceSnapshot(byName, memberships, new HashMap<>(appFolders), new HashMap<>(resourcePlaces),
                    new HashSet<>(folderIds), new HashSet<>(resourceFolderIds));
        }

        /** Applies the step to the rows and, as a notified node would, to the snapshot. */
        SpaceSnapshot apply(Step step, SpaceSnapshot snapshot) {
            if (step instanceof Join join) {
                var group = memberGroup(join.group());
                members.computeIfAbsent(users[join.user()], id -> new HashSet<>()).add(group);
                return snapshot.withMemberships(Map.of(users[join.user()], Set.copyOf(members.get(users[join.user()]))));
            }
            if (step instanceof Leave leave) {
                var own = members.computeIfAbsent(users[leave.user()], id -> new HashSet<>());
                own.remove(memberGroup(leave.group()));
                return snapshot.withMemberships(Map.of(users[leave.user()], Set.copyOf(own)));
            }
            if (step instanceof JoinMany many) {
                var group = memberGroup(many.group());
                var changes = new HashMap<UUID, Set<GroupId>>();
                for (int i = 0; i < many.count(); i++) {
                    var user = users[(many.first() + i) % USERS];
                    var own = members.computeIfAbsent(user, id -> new HashSet<>());
                    if (many.leave()) {
                        own.remove(group);
                    } else {
                        own.add(group);
                    }
                    changes.put(user, Set.copyOf(own));
                }
                return snapshot.withMemberships(changes);
            }
            if (step instanceof Save save) {
                int at = save.group() % groups.size();
                var before = groups.get(at);
                var random = new Random(save.seed());
                var saved = group(random, random.nextInt(4) == 0 ? "Renamed " + random.nextInt(100) : before.name(),
                        before.builtIn(), before.id());
                groups.set(at, saved);
                return snapshot.withGroup(saved);
            }
            if (step instanceof MakeGroup make) {
                var random = new Random(make.seed());
                var group = group(random, (random.nextBoolean() ? "group " : "Group ") + made, null,
                        new GroupId(new UUID(6, made++)));
                groups.add(group);
                return snapshot.withGroup(group);
            }
            if (step instanceof DeleteGroup delete) {
                var custom = groups.stream().filter(group -> group.builtIn() == null).toList();
                if (custom.isEmpty()) {
                    return snapshot;
                }
                var gone = custom.get(delete.group() % custom.size());
                groups.remove(gone);
                members.values().forEach(own -> own.remove(gone.id()));
                return snapshot.withoutGroup(gone.id());
            }
            if (step instanceof GrantOn grant) {
                var object = object(grant.kind(), grant.object());
                var random = new Random(grant.seed());
                var levels = new HashMap<GroupId, AccessLevel>();
                for (int i = 0; i < groups.size(); i++) {
                    var group = groups.get(i);
                    var level = random.nextInt(3) == 0 ? level(random, grant.kind() >= 2) : null;
                    if (level != null) {
                        levels.put(group.id(), level);
                    }
                    groups.set(i, group.withGrant(object, level));
                }
                return snapshot.withGrantsOn(object, levels);
            }
            if (step instanceof Place place) {
                var placements = place.kind() == 0 ? appFolders : resourcePlaces;
                var object = place.kind() == 0 ? apps[place.object() % APPS] : resources[place.object() % RESOURCES];
                var in = place.kind() == 0 ? folders : resourceFolders;
                if (place.folder() == -2) {
                    placements.remove(object);
                } else {
                    placements.put(object, place.folder() < 0 ? null : in[place.folder() % in.length]);
                }
                return objects(snapshot);
            }
            var change = (Folders) step;
            folderIds.clear();
            for (int f = 0; f < FOLDERS; f++) {
                if ((change.folders() & (1 << f)) != 0) {
                    folderIds.add(folders[f]);
                }
            }
            resourceFolderIds.clear();
            for (int f = 0; f < RESOURCE_FOLDERS; f++) {
                if ((change.resourceFolders() & (1 << f)) != 0) {
                    resourceFolderIds.add(resourceFolders[f]);
                }
            }
            return objects(snapshot);
        }

        private SpaceSnapshot objects(SpaceSnapshot snapshot) {
            return snapshot.withObjects(new HashMap<>(appFolders), new HashMap<>(resourcePlaces), new HashSet<>(folderIds),
                    new HashSet<>(resourceFolderIds));
        }

        /** Any group but All Users, whose membership is never stored. */
        private GroupId memberGroup(int index) {
            var joinable = groups.stream().filter(group -> group.builtIn() != BuiltInGroup.ALL_USERS).toList();
            return joinable.get(index % joinable.size()).id();
        }

        private AccessObject object(int kind, int index) {
            return switch (kind) {
                case 0 -> new AccessObject.App(new AppId(apps[index % APPS]));
                case 1 -> new AccessObject.Folder(new FolderId(folders[index % FOLDERS]));
                case 2 -> new AccessObject.Resource(new ResourceId(resources[index % RESOURCES]));
                default -> new AccessObject.ResourceFolder(new ResourceFolderId(resourceFolders[index % RESOURCE_FOLDERS]));
            };
        }

        private SpaceSnapshot.Group group(Random random, String name, BuiltInGroup builtIn) {
            return group(random, name, builtIn, new GroupId(new UUID(7, random.nextLong())));
        }

        /** A group with random global levels, additional access and grants on some of the objects. */
        private SpaceSnapshot.Group group(Random random, String name, BuiltInGroup builtIn, GroupId id) {
            var additional = EnumSet.noneOf(AdditionalAccess.class);
            for (var access : AdditionalAccess.values()) {
                if (random.nextInt(3) == 0) {
                    additional.add(access);
                }
            }
            return new SpaceSnapshot.Group(id, name, builtIn, random.nextInt(5) == 0 ? level(random, false) : null,
                    random.nextInt(5) == 0 ? level(random, true) : null, additional, grants(random, folders, false),
                    grants(random, apps, false), grants(random, resourceFolders, true), grants(random, resources, true));
        }

        private static Map<UUID, AccessLevel> grants(Random random, UUID[] targets, boolean resources) {
            return Arrays.stream(targets).filter(target -> random.nextInt(3) == 0)
                    .collect(Collectors.toMap(target -> target, target -> level(random, resources), (a, b) -> a,
                            HashMap::new));
        }

        private static AccessLevel level(Random random, boolean resource) {
            var levels = resource ? new AccessLevel[] { AccessLevel.USE, AccessLevel.EDIT } : AccessLevel.values();
            return levels[random.nextInt(levels.length)];
        }

        private static UUID[] ids(long kind, int count) {
            var random = new Random(kind);
            var ids = new UUID[count];
            for (int i = 0; i < count; i++) {
                ids[i] = new UUID(random.nextLong(), random.nextLong());
            }
            return ids;
        }
    }
}
