package dev.toolyard.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

import dev.toolyard.shared.AppId;
import dev.toolyard.shared.FolderId;

/**
 * Everything the access engine needs about one space, in memory and immutable: groups with their
 * global levels and grants, who is in which group, and where apps and resources sit. An app's
 * level comes from here in about a microsecond with 100,000 users (BENCHMARKS.md).
 *
 * <p>A change makes a new snapshot from the previous one ({@code with…} methods) that shares
 * everything the change did not touch: a membership change copies one page of the users' table
 * (about 100 users) and two arrays of page references, not the 2,000,000 memberships; a group's new
 * grants copy the group and the index of apps to grants. Group indexes are positions in this
 * snapshot only: a new group is appended, a removed one renumbers the rest, so two snapshots with the
 * same {@link #contents()} may number their groups differently.
 */
final class SpaceSnapshot {

    record Group(GroupId id, String name, BuiltInGroup builtIn, AccessLevel globalApps, AccessLevel globalResources,
            Set<AdditionalAccess> additional, Map<UUID, AccessLevel> folderGrants, Map<UUID, AccessLevel> appGrants,
            Map<UUID, AccessLevel> resourceFolderGrants, Map<UUID, AccessLevel> resourceGrants) {

        /** T-G1: the fixed rules of Viewer, Editor and Admin; stored grants of custom groups and All Users. */
        AccessLevel appLevelEverywhere() {
            if (builtIn == BuiltInGroup.ADMIN) {
                return AccessLevel.OWN;
            }
            if (builtIn == BuiltInGroup.EDITOR) {
                return AccessLevel.EDIT;
            }
            if (builtIn == BuiltInGroup.VIEWER) {
                return AccessLevel.USE;
            }
            return globalApps;
        }

        AccessLevel resourceLevelEverywhere() {
            if (builtIn == BuiltInGroup.ADMIN || builtIn == BuiltInGroup.EDITOR) {
                return AccessLevel.EDIT;
            }
            if (builtIn == BuiltInGroup.VIEWER) {
                return AccessLevel.USE;
            }
            return globalResources;
        }

        Set<AdditionalAccess> additionalAccess() {
            if (builtIn == BuiltInGroup.ADMIN) {
                return EnumSet.allOf(AdditionalAccess.class);
            }
            return additional;
        }

        /** The group's grants on objects of the kind of {@code object}. */
        Map<UUID, AccessLevel> grantsOfKind(AccessObject object) {
            if (object instanceof AccessObject.App) {
                return appGrants;
            }
            if (object instanceof AccessObject.Folder) {
                return folderGrants;
            }
            if (object instanceof AccessObject.Resource) {
                return resourceGrants;
            }
            return resourceFolderGrants;
        }

        /** The same group with its grant on the object set to {@code level}, or removed when it is null. */
        Group withGrant(AccessObject object, AccessLevel level) {
            var grants = new HashMap<>(grantsOfKind(object));
            if (level == null) {
                grants.remove(idOf(object));
            } else {
                grants.put(idOf(object), level);
            }
            if (object instanceof AccessObject.App) {
                return new Group(id, name, builtIn, globalApps, globalResources, additional, folderGrants, grants,
                        resourceFolderGrants, resourceGrants);
            }
            if (object instanceof AccessObject.Folder) {
                return new Group(id, name, builtIn, globalApps, globalResources, additional, grants, appGrants,
                        resourceFolderGrants, resourceGrants);
            }
            if (object instanceof AccessObject.Resource) {
                return new Group(id, name, builtIn, globalApps, globalResources, additional, folderGrants, appGrants,
                        resourceFolderGrants, grants);
            }
            return new Group(id, name, builtIn, globalApps, globalResources, additional, folderGrants, appGrants, grants,
                    resourceGrants);
        }
    }

    /**
     * What a snapshot holds, keyed by ids instead of its group indexes, including what its indexes
     * derive (levels everywhere, grants by app): two snapshots with equal contents answer every
     * question alike. Compares a snapshot kept up to date by changes with one loaded afresh.
     */
    record Contents(Map<GroupId, Group> groups, GroupId allUsers, Map<GroupId, AccessLevel> appLevelsEverywhere,
            Map<UUID, Set<GroupId>> memberships, Map<UUID, Map<GroupId, AccessLevel>> grantsByApp,
            Set<AppId> allApps, Map<UUID, UUID> appFolders, Map<UUID, UUID> resourceFolders, Set<UUID> folderIds,
            Set<UUID> resourceFolderIds) {
    }

    /** The groups with a grant on one app, by ascending index, and the level each grant gives. */
    private record AppGrants(int[] groups, AccessLevel[] levels) {

        /** The same grants with the group's set to {@code level}, or removed when it is null; indexes stay ascending. */
        AppGrants with(int group, AccessLevel level) {
            int at = Arrays.binarySearch(groups, group);
            if (at >= 0) {
                if (level == null) {
                    int[] fewer = new int[groups.length - 1];
                    var fewerLevels = new AccessLevel[fewer.length];
                    System.arraycopy(groups, 0, fewer, 0, at);
                    System.arraycopy(groups, at + 1, fewer, at, fewer.length - at);
                    System.arraycopy(levels, 0, fewerLevels, 0, at);
                    System.arraycopy(levels, at + 1, fewerLevels, at, fewer.length - at);
                    return new AppGrants(fewer, fewerLevels);
                }
                var changed = levels.clone();
                changed[at] = level;
                return new AppGrants(groups, changed);
            }
            if (level == null) {
                return this;
            }
            int insert = -at - 1;
            int[] more = new int[groups.length + 1];
            var moreLevels = new AccessLevel[more.length];
            System.arraycopy(groups, 0, more, 0, insert);
            System.arraycopy(groups, insert, more, insert + 1, groups.length - insert);
            System.arraycopy(levels, 0, moreLevels, 0, insert);
            System.arraycopy(levels, insert, moreLevels, insert + 1, groups.length - insert);
            more[insert] = group;
            moreLevels[insert] = level;
            return new AppGrants(more, moreLevels);
        }

        /** Renumbered by {@code remap} (old index to new, -1 for a removed group), which keeps the order. */
        AppGrants remapped(int[] remap) {
            int kept = 0;
            for (int group : groups) {
                kept += remap[group] >= 0 ? 1 : 0;
            }
            int[] renumbered = new int[kept];
            var keptLevels = new AccessLevel[kept];
            for (int i = 0, j = 0; i < groups.length; i++) {
                if (remap[groups[i]] >= 0) {
                    renumbered[j] = remap[groups[i]];
                    keptLevels[j++] = levels[i];
                }
            }
            return new AppGrants(renumbered, keptLevels);
        }
    }

    /**
     * The groups and what derives from them alone, made once per change of a group and shared by the
     * snapshots of every other change.
     *
     * @param appLevelsEverywhere by group index: the level the group has on every app (global grant or built-in rule)
     */
    private record GroupTable(Group[] groups, Map<GroupId, Integer> indexOf, int allUsers,
            AccessLevel[] appLevelsEverywhere) {

        static GroupTable of(Group[] groups) {
            var indexOf = new HashMap<GroupId, Integer>(groups.length * 2);
            var everywhere = new AccessLevel[groups.length];
            int allUsers = -1;
            for (int i = 0; i < groups.length; i++) {
                indexOf.put(groups[i].id(), i);
                everywhere[i] = groups[i].appLevelEverywhere();
                if (groups[i].builtIn() == BuiltInGroup.ALL_USERS) {
                    allUsers = i;
                }
            }
            return new GroupTable(groups, indexOf, allUsers, everywhere);
        }
    }

    private static final int[] NO_GROUPS = new int[0];

    private final GroupTable table;
    /** The table's, held here too so that the app check reads them without a further reference. */
    private final Group[] groups;
    private final int allUsers;
    private final AccessLevel[] appLevelsEverywhere;
    private final UserGroups groupsOfUser;
    private final Map<UUID, UUID> appFolders;
    private final Map<UUID, UUID> resourceFolders;
    private final Set<UUID> folderIds;
    private final Set<UUID> resourceFolderIds;
    private final List<AppId> allApps;
    /**
     * Every app of the space with the grants on it: an app's level is then one lookup and a merge of
     * two short sorted arrays, instead of a lookup in the grants of each of the person's groups
     * (issue 3: 1 µs). Also answers whether the space has the app, so a check looks up one map.
     */
    private final Map<UUID, AppGrants> grantsByApp;

    SpaceSnapshot(List<Group> groups, Map<UUID, int[]> groupsOfUser, Map<UUID, UUID> appFolders,
            Map<UUID, UUID> resourceFolders, Set<UUID> folderIds, Set<UUID> resourceFolderIds) {
        this(GroupTable.of(groups.toArray(Group[]::new)), UserGroups.of(groupsOfUser), appFolders, resourceFolders,
                folderIds, resourceFolderIds, appIds(appFolders), null);
    }

    /** {@code grantsByApp} null: indexed from the groups' own grants, as after a load. */
    private SpaceSnapshot(GroupTable table, UserGroups groupsOfUser, Map<UUID, UUID> appFolders,
            Map<UUID, UUID> resourceFolders, Set<UUID> folderIds, Set<UUID> resourceFolderIds, List<AppId> allApps,
            Map<UUID, AppGrants> grantsByApp) {
        this.table = table;
        this.groups = table.groups();
        this.allUsers = table.allUsers();
        this.appLevelsEverywhere = table.appLevelsEverywhere();
        this.groupsOfUser = groupsOfUser;
        this.appFolders = appFolders;
        this.resourceFolders = resourceFolders;
        this.folderIds = folderIds;
        this.resourceFolderIds = resourceFolderIds;
        this.allApps = allApps;
        this.grantsByApp = grantsByApp != null ? grantsByApp : indexByApp(groups, appFolders.keySet());
    }

    private static List<AppId> appIds(Map<UUID, UUID> appFolders) {
        return appFolders.keySet().stream().map(AppId::new).toList();
    }

    private static Map<UUID, AppGrants> indexByApp(Group[] groups, Set<UUID> apps) {
        var granting = new HashMap<UUID, List<Integer>>();
        for (int i = 0; i < groups.length; i++) {
            for (UUID app : groups[i].appGrants().keySet()) {
                granting.computeIfAbsent(app, key -> new ArrayList<>()).add(i);
            }
        }
        var byApp = new HashMap<UUID, AppGrants>(apps.size() * 4 / 3 + 1);
        for (UUID app : apps) {
            var indexes = granting.getOrDefault(app, List.of());
            int[] groupIndexes = new int[indexes.size()];
            var levels = new AccessLevel[groupIndexes.length];
            for (int i = 0; i < groupIndexes.length; i++) {
                groupIndexes[i] = indexes.get(i);
                levels[i] = groups[groupIndexes[i]].appGrants().get(app);
            }
            byApp.put(app, new AppGrants(groupIndexes, levels));
        }
        return byApp;
    }

    /** The grants on one app from the groups' own grants, when an app joins the index. */
    private static AppGrants grantsOn(Group[] groups, UUID app) {
        int count = 0;
        for (var group : groups) {
            count += group.appGrants().containsKey(app) ? 1 : 0;
        }
        int[] indexes = new int[count];
        var levels = new AccessLevel[count];
        for (int i = 0, j = 0; i < groups.length; i++) {
            var level = groups[i].appGrants().get(app);
            if (level != null) {
                indexes[j] = i;
                levels[j++] = level;
            }
        }
        return new AppGrants(indexes, levels);
    }

    // ------------------------------------------------------------------ changes: a new snapshot sharing the rest

    /**
     * Each named user's groups as they are now (an empty collection: in none but All Users). Ids of
     * groups this snapshot does not have yet are left out: the change that made such a group names it,
     * and applying that adds it.
     */
    SpaceSnapshot withMemberships(Map<UUID, ? extends Collection<GroupId>> groupsOfUsers) {
        if (groupsOfUsers.isEmpty()) {
            return this;
        }
        var changes = new HashMap<UUID, int[]>(groupsOfUsers.size() * 2);
        groupsOfUsers.forEach((user, ids) -> changes.put(user, ids.stream().map(table.indexOf()::get)
                .filter(Objects::nonNull).mapToInt(Integer::intValue).sorted().distinct().toArray()));
        return new SpaceSnapshot(table, groupsOfUser.with(changes), appFolders, resourceFolders, folderIds,
                resourceFolderIds, allApps, grantsByApp);
    }

    /** The group as it is now (name, levels, additional access, all its grants), added if new. */
    SpaceSnapshot withGroup(Group group) {
        Integer at = table.indexOf().get(group.id());
        int index = at == null ? groups.length : at;
        var next = at == null ? Arrays.copyOf(groups, groups.length + 1) : groups.clone();
        var before = at == null ? Map.<UUID, AccessLevel>of() : groups[at].appGrants();
        next[index] = group;
        var changedApps = new HashSet<UUID>();
        before.forEach((app, level) -> {
            if (level != group.appGrants().get(app)) {
                changedApps.add(app);
            }
        });
        group.appGrants().forEach((app, level) -> {
            if (level != before.get(app)) {
                changedApps.add(app);
            }
        });
        var byApp = grantsByApp;
        changedApps.retainAll(grantsByApp.keySet());
        if (!changedApps.isEmpty()) {
            byApp = new HashMap<>(grantsByApp);
            for (UUID app : changedApps) {
                byApp.put(app, byApp.get(app).with(index, group.appGrants().get(app)));
            }
        }
        return new SpaceSnapshot(GroupTable.of(next), groupsOfUser, appFolders, resourceFolders, folderIds,
                resourceFolderIds, allApps, byApp);
    }

    /** Without the group: its memberships and grants go with it, as the database's cascade removes them. */
    SpaceSnapshot withoutGroup(GroupId id) {
        Integer at = table.indexOf().get(id);
        if (at == null) {
            return this;
        }
        int removed = at;
        int[] remap = new int[groups.length];
        for (int i = 0; i < groups.length; i++) {
            remap[i] = i < removed ? i : i == removed ? -1 : i - 1;
        }
        var next = new Group[groups.length - 1];
        System.arraycopy(groups, 0, next, 0, removed);
        System.arraycopy(groups, removed + 1, next, removed, next.length - removed);
        var byApp = new HashMap<UUID, AppGrants>(grantsByApp.size() * 4 / 3 + 1);
        grantsByApp.forEach((app, grants) -> byApp.put(app, grants.remapped(remap)));
        return new SpaceSnapshot(GroupTable.of(next), groupsOfUser.remapped(remap), appFolders, resourceFolders, folderIds,
                resourceFolderIds, allApps, byApp);
    }

    /** Every group's grant on one object as it is now; groups missing from {@code levels} have none. */
    SpaceSnapshot withGrantsOn(AccessObject object, Map<GroupId, AccessLevel> levels) {
        UUID target = idOf(object);
        Group[] next = null;
        for (int i = 0; i < groups.length; i++) {
            var level = levels.get(groups[i].id());
            if (groups[i].grantsOfKind(object).get(target) != level) {
                next = next == null ? groups.clone() : next;
                next[i] = groups[i].withGrant(object, level);
            }
        }
        if (next == null) {
            return this;
        }
        var byApp = grantsByApp;
        if (object instanceof AccessObject.App && grantsByApp.containsKey(target)) {
            byApp = new HashMap<>(grantsByApp);
            byApp.put(target, grantsOn(next, target));
        }
        return new SpaceSnapshot(GroupTable.of(next), groupsOfUser, appFolders, resourceFolders, folderIds,
                resourceFolderIds, allApps, byApp);
    }

    /** The space's apps, resources and folders and where each sits, as they are now. */
    SpaceSnapshot withObjects(Map<UUID, UUID> appFolders, Map<UUID, UUID> resourceFolders, Set<UUID> folderIds,
            Set<UUID> resourceFolderIds) {
        var apps = allApps;
        var byApp = grantsByApp;
        if (!appFolders.keySet().equals(this.appFolders.keySet())) {
            apps = appIds(appFolders);
            var index = new HashMap<UUID, AppGrants>(appFolders.size() * 4 / 3 + 1);
            for (UUID app : appFolders.keySet()) {
                var known = grantsByApp.get(app);
                index.put(app, known != null ? known : grantsOn(groups, app));
            }
            byApp = index;
        }
        return new SpaceSnapshot(table, groupsOfUser, appFolders, resourceFolders, folderIds, resourceFolderIds, apps,
                byApp);
    }

    static UUID idOf(AccessObject object) {
        if (object instanceof AccessObject.App app) {
            return app.id().value();
        }
        if (object instanceof AccessObject.Folder folder) {
            return folder.id().value();
        }
        if (object instanceof AccessObject.Resource resource) {
            return resource.id().value();
        }
        return ((AccessObject.ResourceFolder) object).id().value();
    }

    // ------------------------------------------------------------------ questions

    Optional<AccessLevel> level(UUID user, AccessObject object) {
        if (object instanceof AccessObject.App app) {
            return Optional.ofNullable(appLevel(user, app.id().value()));
        }
        AccessLevel best = null;
        int[] own = groupsOfUser.of(user);
        for (int i = -1; i < own.length; i++) {
            int index = i < 0 ? allUsers : own[i];
            if (index >= 0) {
                best = AccessLevel.max(best, levelOf(groups[index], object));
                if (best == object.highestLevel()) {
                    break;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The highest level All Users and the person's groups give on the app, everywhere or by a grant on it. */
    private AccessLevel appLevel(UUID user, UUID app) {
        long most = user.getMostSignificantBits();
        long least = user.getLeastSignificantBits();
        var users = groupsOfUser;
        int home = users.home(most, least);
        int page = home >>> UserGroups.PAGE_BITS;
        long where = users.find(page, home, most, least);
        int[] own = users.groupPages[page];
        int from = UserGroups.start(where);
        int to = from + UserGroups.count(where);
        AccessLevel best = allUsers < 0 ? null : appLevelsEverywhere[allUsers];
        for (int j = from; j < to; j++) {
            best = AccessLevel.max(best, appLevelsEverywhere[own[j]]);
        }
        var grants = grantsByApp.get(app);
        // No entry: not an app of the space (the engine asks contains() first); its stale grants count for nothing.
        if (grants == null || best == AccessLevel.OWN) {
            return best;
        }
        int[] granting = grants.groups();
        if (allUsers >= 0) {
            int at = Arrays.binarySearch(granting, allUsers);
            if (at >= 0) {
                best = AccessLevel.max(best, grants.levels()[at]);
            }
        }
        for (int i = 0, j = from; i < granting.length && j < to;) {
            if (granting[i] < own[j]) {
                i++;
            } else if (granting[i] > own[j]) {
                j++;
            } else {
                best = AccessLevel.max(best, grants.levels()[i]);
                i++;
                j++;
            }
        }
        return best;
    }

    private AccessLevel levelOf(Group group, AccessObject object) {
        if (object instanceof AccessObject.Folder folder) {
            return AccessLevel.max(group.appLevelEverywhere(), group.folderGrants().get(folder.id().value()));
        }
        if (object instanceof AccessObject.Resource resource) {
            return AccessLevel.max(group.resourceLevelEverywhere(), group.resourceGrants().get(resource.id().value()));
        }
        var folder = (AccessObject.ResourceFolder) object;
        return AccessLevel.max(group.resourceLevelEverywhere(), group.resourceFolderGrants().get(folder.id().value()));
    }

    /** The level on every app of the space (or of one folder) taken together: the global levels only. */
    Optional<AccessLevel> globalAppLevel(UUID user) {
        AccessLevel best = null;
        for (int index : groupIndexes(user)) {
            best = AccessLevel.max(best, groups[index].appLevelEverywhere());
        }
        return Optional.ofNullable(best);
    }

    Optional<AccessLevel> globalResourceLevel(UUID user) {
        AccessLevel best = null;
        for (int index : groupIndexes(user)) {
            best = AccessLevel.max(best, groups[index].resourceLevelEverywhere());
        }
        return Optional.ofNullable(best);
    }

    Set<AdditionalAccess> additionalAccess(UUID user) {
        var access = EnumSet.noneOf(AdditionalAccess.class);
        for (int index : groupIndexes(user)) {
            access.addAll(groups[index].additionalAccess());
        }
        return access;
    }

    /** Apps the user may at least use, optionally only those in one folder ({@code null}: all). */
    List<AppId> visibleApps(UUID user, FolderId folder) {
        int[] indexes = groupIndexes(user);
        for (int index : indexes) {
            if (groups[index].appLevelEverywhere() != null) {
                return folder == null ? allApps : inFolder(allApps, folder);
            }
        }
        var visible = new LinkedHashSet<UUID>();
        for (int index : indexes) {
            visible.addAll(groups[index].appGrants().keySet());
        }
        var apps = new ArrayList<AppId>(visible.size());
        for (UUID app : visible) {
            if (appFolders.containsKey(app) && (folder == null || folder.value().equals(appFolders.get(app)))) {
                apps.add(new AppId(app));
            }
        }
        return apps;
    }

    private List<AppId> inFolder(List<AppId> apps, FolderId folder) {
        var selected = new ArrayList<AppId>();
        for (AppId app : apps) {
            if (folder.value().equals(appFolders.get(app.value()))) {
                selected.add(app);
            }
        }
        return selected;
    }

    /**
     * The contributions in a fixed order, All Users first and then the groups by name, whatever their
     * indexes; among equal levels the first one wins.
     */
    AccessExplanation explain(UUID user, AccessObject object) {
        var contributions = new ArrayList<AccessExplanation.Contribution>();
        AccessLevel best = null;
        int winner = -1;
        for (var group : explanationOrder(groupIndexes(user))) {
            for (var part : parts(group, object)) {
                contributions.add(new AccessExplanation.Contribution(group.id(), group.name(), part.getKey(),
                        part.getValue(), false));
                if (best == null || part.getValue().compareTo(best) > 0) {
                    best = part.getValue();
                    winner = contributions.size() - 1;
                }
            }
        }
        if (winner >= 0) {
            var won = contributions.get(winner);
            contributions.set(winner, new AccessExplanation.Contribution(won.group(), won.groupName(), won.source(),
                    won.level(), true));
        }
        return new AccessExplanation(object, Optional.ofNullable(best), Collections.unmodifiableList(contributions));
    }

    private List<Group> explanationOrder(int[] indexes) {
        var ordered = new ArrayList<Group>(indexes.length);
        for (int index : indexes) {
            ordered.add(groups[index]);
        }
        ordered.sort(Comparator.comparing((Group group) -> group.builtIn() != BuiltInGroup.ALL_USERS)
                .thenComparing(group -> group.name().toLowerCase(Locale.ROOT))
                .thenComparing(group -> group.id().value()));
        return ordered;
    }

    private List<Map.Entry<String, AccessLevel>> parts(Group group, AccessObject object) {
        var parts = new ArrayList<Map.Entry<String, AccessLevel>>();
        boolean apps = object instanceof AccessObject.App || object instanceof AccessObject.Folder;
        AccessLevel everywhere = apps ? group.appLevelEverywhere() : group.resourceLevelEverywhere();
        if (everywhere != null) {
            parts.add(Map.entry(group.builtIn() != null && group.builtIn() != BuiltInGroup.ALL_USERS
                    ? "built-in rule of " + group.name() : apps ? "global app grant" : "global resource grant", everywhere));
        }
        AccessLevel specific;
        String source;
        if (object instanceof AccessObject.App app) {
            specific = group.appGrants().get(app.id().value());
            source = "app grant";
        } else if (object instanceof AccessObject.Folder folder) {
            specific = group.folderGrants().get(folder.id().value());
            source = "folder grant";
        } else if (object instanceof AccessObject.Resource resource) {
            specific = group.resourceGrants().get(resource.id().value());
            source = "resource grant";
        } else {
            specific = group.resourceFolderGrants().get(((AccessObject.ResourceFolder) object).id().value());
            source = "resource folder grant";
        }
        if (specific != null) {
            parts.add(Map.entry(source, specific));
        }
        return parts;
    }

    boolean contains(AccessObject object) {
        if (object instanceof AccessObject.App app) {
            return grantsByApp.containsKey(app.id().value());
        }
        if (object instanceof AccessObject.Resource resource) {
            return resourceFolders.containsKey(resource.id().value());
        }
        if (object instanceof AccessObject.Folder folder) {
            return folderIds.contains(folder.id().value());
        }
        return resourceFolderIds.contains(((AccessObject.ResourceFolder) object).id().value());
    }

    /**
     * T-G4: how many apps and resources a group reaches. A group this node has not heard of yet (made
     * on another node a moment ago) reaches none, which is what a new group has.
     */
    int appCount(GroupId id) {
        Integer at = table.indexOf().get(id);
        if (at == null) {
            return 0;
        }
        var group = groups[at];
        if (group.appLevelEverywhere() != null) {
            return appFolders.size();
        }
        int count = 0;
        for (UUID app : group.appGrants().keySet()) {
            count += appFolders.containsKey(app) ? 1 : 0;
        }
        return count;
    }

    int resourceCount(GroupId id) {
        Integer at = table.indexOf().get(id);
        if (at == null) {
            return 0;
        }
        var group = groups[at];
        if (group.resourceLevelEverywhere() != null) {
            return resourceFolders.size();
        }
        int count = 0;
        for (UUID resource : group.resourceGrants().keySet()) {
            count += resourceFolders.containsKey(resource) ? 1 : 0;
        }
        return count;
    }

    /** Every group of the space, in the snapshot's order (by name). */
    List<Group> groups() {
        return List.of(groups);
    }

    /** The person's groups, All Users included, in the snapshot's order (by name). */
    List<Group> memberships(UUID user) {
        int[] indexes = groupIndexes(user).clone();
        Arrays.sort(indexes);
        var memberships = new ArrayList<Group>(indexes.length);
        for (int index : indexes) {
            memberships.add(groups[index]);
        }
        return memberships;
    }

    Set<GroupId> groupsOf(UUID user) {
        var ids = new HashSet<GroupId>();
        for (int index : groupIndexes(user)) {
            ids.add(groups[index].id());
        }
        return ids;
    }

    Contents contents() {
        var byId = new HashMap<GroupId, Group>();
        var everywhere = new HashMap<GroupId, AccessLevel>();
        for (int i = 0; i < groups.length; i++) {
            byId.put(groups[i].id(), groups[i]);
            everywhere.put(groups[i].id(), appLevelsEverywhere[i]);
        }
        var memberships = new HashMap<UUID, Set<GroupId>>();
        groupsOfUser.forEach((user, indexes) -> {
            var ids = new HashSet<GroupId>();
            for (int index : indexes) {
                ids.add(groups[index].id());
            }
            memberships.put(user, ids);
        });
        var byApp = new HashMap<UUID, Map<GroupId, AccessLevel>>();
        grantsByApp.forEach((app, grants) -> {
            var levels = new HashMap<GroupId, AccessLevel>();
            for (int i = 0; i < grants.groups().length; i++) {
                levels.put(groups[grants.groups()[i]].id(), grants.levels()[i]);
            }
            byApp.put(app, levels);
        });
        return new Contents(byId, allUsers < 0 ? null : groups[allUsers].id(), everywhere, memberships, byApp,
                new HashSet<>(allApps), appFolders, resourceFolders, folderIds, resourceFolderIds);
    }

    private int[] groupIndexes(UUID user) {
        int[] own = groupsOfUser.of(user);
        if (allUsers < 0) {
            return own;
        }
        int[] all = new int[own.length + 1];
        all[0] = allUsers;
        System.arraycopy(own, 0, all, 1, own.length);
        return all;
    }

    /**
     * Each user's groups (ascending indexes), found through an open-addressing table on the two halves
     * of the user's id. With 100,000 users a HashMap lookup mostly misses the cache four times (table,
     * entry, key, array); this reads one slot and the groups, plus two small arrays of pages that stay
     * in the cache.
     *
     * <p>The table is cut into pages of {@value #PAGE_SLOTS} slots; a user's slot and groups live in
     * the page its id hashes to (probing wraps within the page). A change rebuilds only the pages of the
     * users it names and copies the two arrays of page references (about 1,000 each with 100,000
     * users), so the new table shares every other page with the old one.
     */
    private static final class UserGroups {

        static final int PAGE_BITS = 8;
        private static final int PAGE_SLOTS = 1 << PAGE_BITS;
        /** Fuller than this, a page's probes get long: the table doubles instead. */
        private static final int PAGE_LIMIT = PAGE_SLOTS * 3 / 4;
        /** Per slot: the id's most and least significant bits, then where its groups are; EMPTY if free. */
        private static final int STRIDE = 3;
        private static final long EMPTY = -1L;

        /** Users and their groups (ascending indexes), as tables are built from them. */
        private static final class Entries {

            long[] most;
            long[] least;
            int[][] groups;
            int size;

            Entries(int capacity) {
                most = new long[Math.max(4, capacity)];
                least = new long[most.length];
                groups = new int[most.length][];
            }

            /** Adds the user unless they are in no group: the table holds only users with groups. */
            void add(long most, long least, int[] groups) {
                if (groups.length == 0) {
                    return;
                }
                if (size == this.most.length) {
                    this.most = Arrays.copyOf(this.most, size * 2);
                    this.least = Arrays.copyOf(this.least, size * 2);
                    this.groups = Arrays.copyOf(this.groups, size * 2);
                }
                this.most[size] = most;
                this.least[size] = least;
                this.groups[size++] = groups;
            }

            void add(UUID user, int[] groups) {
                add(user.getMostSignificantBits(), user.getLeastSignificantBits(), groups);
            }
        }

        final long[][] slotPages;
        final int[][] groupPages;
        private final int mask;
        private final int size;

        private UserGroups(long[][] slotPages, int[][] groupPages, int size) {
            this.slotPages = slotPages;
            this.groupPages = groupPages;
            this.mask = slotPages.length * PAGE_SLOTS - 1;
            this.size = size;
        }

        static UserGroups of(Map<UUID, int[]> groupsOfUser) {
            var entries = new Entries(groupsOfUser.size());
            groupsOfUser.forEach((user, indexes) -> {
                int[] sorted = indexes.clone();
                Arrays.sort(sorted);
                entries.add(user, sorted);
            });
            return build(entries, capacityFor(entries.size));
        }

        private static int capacityFor(int users) {
            return Math.max(PAGE_SLOTS, Integer.highestOneBit(Math.max(1, users * 2 - 1)) << 1);
        }

        /**
         * A table of at least {@code capacity} slots holding the entries, doubled until no page is too
         * full. Random ids spread evenly; ids made to share a hash would double it without end, so that fails.
         */
        private static UserGroups build(Entries entries, int capacity) {
            int[] homes = new int[entries.size];
            for (int doublings = 0;; doublings++, capacity <<= 1) {
                if (doublings > 6) {
                    throw new IllegalStateException("User ids crowd one page of the table: " + entries.size + " users");
                }
                int pages = capacity >>> PAGE_BITS;
                int mask = capacity - 1;
                // Entries by page, counted then placed (a counting sort), so each page is built in one go.
                int[] from = new int[pages + 1];
                boolean tooFull = false;
                for (int i = 0; i < entries.size; i++) {
                    homes[i] = home(entries.most[i], entries.least[i], mask);
                    tooFull |= ++from[(homes[i] >>> PAGE_BITS) + 1] > PAGE_LIMIT;
                }
                if (tooFull) {
                    continue;
                }
                for (int page = 0; page < pages; page++) {
                    from[page + 1] += from[page];
                }
                int[] order = new int[entries.size];
                int[] next = Arrays.copyOf(from, pages);
                for (int i = 0; i < entries.size; i++) {
                    order[next[homes[i] >>> PAGE_BITS]++] = i;
                }
                var slotPages = new long[pages][];
                var groupPages = new int[pages][];
                for (int page = 0; page < pages; page++) {
                    fill(entries, order, from[page], from[page + 1], homes, slotPages, groupPages, page);
                }
                return new UserGroups(slotPages, groupPages, entries.size);
            }
        }

        /** Builds one page from the entries {@code order[from..to)}, whose homes are on it. */
        private static void fill(Entries entries, int[] order, int from, int to, int[] homes, long[][] slotPages,
                int[][] groupPages, int page) {
            var slots = new long[PAGE_SLOTS * STRIDE];
            for (int slot = 0; slot < PAGE_SLOTS; slot++) {
                slots[slot * STRIDE + 2] = EMPTY;
            }
            int total = 0;
            for (int k = from; k < to; k++) {
                total += entries.groups[order[k]].length;
            }
            var groups = new int[total];
            int next = 0;
            for (int k = from; k < to; k++) {
                int i = order[k];
                int[] own = entries.groups[i];
                System.arraycopy(own, 0, groups, next, own.length);
                int slot = homes[i] & (PAGE_SLOTS - 1);
                while (slots[slot * STRIDE + 2] != EMPTY) {
                    slot = (slot + 1) & (PAGE_SLOTS - 1);
                }
                slots[slot * STRIDE] = entries.most[i];
                slots[slot * STRIDE + 1] = entries.least[i];
                slots[slot * STRIDE + 2] = ((long) next << 32) | own.length;
                next += own.length;
            }
            slotPages[page] = slots;
            groupPages[page] = groups;
        }

        /**
         * The table with the named users' groups replaced (an empty array: the user leaves the table).
         * Rebuilds the pages those users are on; the whole table only when it must grow.
         */
        UserGroups with(Map<UUID, int[]> changes) {
            var byPage = new HashMap<Integer, Map<UUID, int[]>>();
            int grown = size;
            for (var change : changes.entrySet()) {
                long most = change.getKey().getMostSignificantBits();
                long least = change.getKey().getLeastSignificantBits();
                int home = home(most, least);
                boolean present = count(find(home >>> PAGE_BITS, home, most, least)) > 0;
                grown += (change.getValue().length > 0 ? 1 : 0) - (present ? 1 : 0);
                byPage.computeIfAbsent(home >>> PAGE_BITS, page -> new HashMap<>()).put(change.getKey(), change.getValue());
            }
            if (grown > (mask + 1) / 2) {
                return build(entries(changes, null), capacityFor(grown));
            }
            var slots = slotPages.clone();
            var groups = groupPages.clone();
            for (var page : byPage.entrySet()) {
                var entries = pageEntries(page.getKey(), page.getValue());
                if (entries.size > PAGE_LIMIT) {
                    return build(entries(changes, null), (mask + 1) * 2);
                }
                int[] homes = new int[entries.size];
                int[] order = new int[entries.size];
                for (int i = 0; i < entries.size; i++) {
                    homes[i] = home(entries.most[i], entries.least[i]);
                    order[i] = i;
                }
                fill(entries, order, 0, entries.size, homes, slots, groups, page.getKey());
            }
            return new UserGroups(slots, groups, grown);
        }

        /** Renumbered by {@code remap} (old index to new, -1 for a removed group), which keeps the order. */
        UserGroups remapped(int[] remap) {
            var entries = entries(Map.of(), remap);
            return build(entries, capacityFor(entries.size));
        }

        /** The entries of one page with the changes to its users applied. */
        private Entries pageEntries(int page, Map<UUID, int[]> changes) {
            var entries = new Entries(PAGE_SLOTS / 2);
            var pending = new HashMap<>(changes);
            readPage(page, (user, groups) -> {
                int[] changed = pending.remove(user);
                entries.add(user, changed == null ? groups : changed);
            });
            pending.forEach(entries::add);
            return entries;
        }

        /** Every entry, with the changes applied and the indexes renumbered when {@code remap} is given. */
        private Entries entries(Map<UUID, int[]> changes, int[] remap) {
            var entries = new Entries(size + changes.size());
            var pending = new HashMap<>(changes);
            BiConsumer<UUID, int[]> add = (user, groups) -> entries.add(user, remap == null ? groups
                    : Arrays.stream(groups).map(index -> remap[index]).filter(index -> index >= 0).toArray());
            forEach((user, groups) -> {
                int[] changed = pending.remove(user);
                add.accept(user, changed == null ? groups : changed);
            });
            pending.forEach(add);
            return entries;
        }

        void forEach(BiConsumer<UUID, int[]> action) {
            for (int page = 0; page < slotPages.length; page++) {
                readPage(page, action);
            }
        }

        private void readPage(int page, BiConsumer<UUID, int[]> action) {
            long[] slots = slotPages[page];
            for (int slot = 0; slot < PAGE_SLOTS; slot++) {
                long where = slots[slot * STRIDE + 2];
                if (where != EMPTY) {
                    action.accept(new UUID(slots[slot * STRIDE], slots[slot * STRIDE + 1]),
                            Arrays.copyOfRange(groupPages[page], start(where), start(where) + count(where)));
                }
            }
        }

        /** Where the user's groups are in {@code groupPages[page]}, to be read with {@link #start} and {@link #count}. */
        long find(int page, int home, long most, long least) {
            long[] slots = slotPages[page];
            for (int slot = home & (PAGE_SLOTS - 1);; slot = (slot + 1) & (PAGE_SLOTS - 1)) {
                long where = slots[slot * STRIDE + 2];
                if (where == EMPTY) {
                    return 0;
                }
                if (slots[slot * STRIDE] == most && slots[slot * STRIDE + 1] == least) {
                    return where;
                }
            }
        }

        int[] of(UUID user) {
            long most = user.getMostSignificantBits();
            long least = user.getLeastSignificantBits();
            int home = home(most, least);
            int page = home >>> PAGE_BITS;
            long where = find(page, home, most, least);
            return count(where) == 0 ? NO_GROUPS
                    : Arrays.copyOfRange(groupPages[page], start(where), start(where) + count(where));
        }

        static int start(long where) {
            return (int) (where >>> 32);
        }

        static int count(long where) {
            return (int) where;
        }

        int home(long most, long least) {
            return home(most, least, mask);
        }

        private static int home(long most, long least, int mask) {
            return (int) (((most ^ least) * 0x9E3779B97F4A7C15L) >>> 32) & mask;
        }
    }
}
