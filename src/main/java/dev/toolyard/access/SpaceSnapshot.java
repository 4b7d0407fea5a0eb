package dev.toolyard.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.toolyard.shared.AppId;
import dev.toolyard.shared.FolderId;

/**
 * Everything the access engine needs about one space, in memory and immutable: groups with their
 * global levels and grants, who is in which group, and where apps and resources sit. An app's
 * level comes from here in about a microsecond with 100,000 users (BENCHMARKS.md); a change builds
 * a new snapshot.
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
    }

    /** The groups with a grant on one app, by ascending index, and the level each grant gives. */
    private record AppGrants(int[] groups, AccessLevel[] levels) {
    }

    private static final int[] NO_GROUPS = new int[0];

    private final Group[] groups;
    private final int allUsers;
    private final UserGroups groupsOfUser;
    private final Map<UUID, UUID> appFolders;
    private final Map<UUID, UUID> resourceFolders;
    private final Set<UUID> folderIds;
    private final Set<UUID> resourceFolderIds;
    private final List<AppId> allApps;
    /** By group index: the level the group has on every app (global grant or built-in rule). */
    private final AccessLevel[] appLevelsEverywhere;
    /**
     * Every app of the space with the grants on it: an app's level is then one lookup and a merge of
     * two short sorted arrays, instead of a lookup in the grants of each of the person's groups
     * (issue 3: 1 µs). Also answers whether the space has the app, so a check looks up one map.
     */
    private final Map<UUID, AppGrants> grantsByApp;

    SpaceSnapshot(List<Group> groups, Map<UUID, int[]> groupsOfUser, Map<UUID, UUID> appFolders,
            Map<UUID, UUID> resourceFolders, Set<UUID> folderIds, Set<UUID> resourceFolderIds) {
        this.groups = groups.toArray(Group[]::new);
        int allUsersIndex = -1;
        for (int i = 0; i < this.groups.length; i++) {
            if (this.groups[i].builtIn() == BuiltInGroup.ALL_USERS) {
                allUsersIndex = i;
            }
        }
        this.allUsers = allUsersIndex;
        this.groupsOfUser = new UserGroups(groupsOfUser);
        this.appFolders = appFolders;
        this.resourceFolders = resourceFolders;
        this.folderIds = folderIds;
        this.resourceFolderIds = resourceFolderIds;
        this.allApps = appFolders.keySet().stream().map(AppId::new).toList();
        this.appLevelsEverywhere = new AccessLevel[this.groups.length];
        var granting = new HashMap<UUID, List<Integer>>();
        for (int i = 0; i < this.groups.length; i++) {
            appLevelsEverywhere[i] = this.groups[i].appLevelEverywhere();
            for (UUID app : this.groups[i].appGrants().keySet()) {
                granting.computeIfAbsent(app, key -> new ArrayList<>()).add(i);
            }
        }
        this.grantsByApp = new HashMap<>(appFolders.size() * 4 / 3 + 1);
        for (UUID app : appFolders.keySet()) {
            var indexes = granting.getOrDefault(app, List.of());
            int[] groupIndexes = new int[indexes.size()];
            var levels = new AccessLevel[groupIndexes.length];
            for (int i = 0; i < groupIndexes.length; i++) {
                groupIndexes[i] = indexes.get(i);
                levels[i] = this.groups[groupIndexes[i]].appGrants().get(app);
            }
            grantsByApp.put(app, new AppGrants(groupIndexes, levels));
        }
    }

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
        long where = groupsOfUser.find(user);
        int[] own = groupsOfUser.all;
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

    AccessExplanation explain(UUID user, AccessObject object) {
        var contributions = new ArrayList<AccessExplanation.Contribution>();
        AccessLevel best = null;
        int winner = -1;
        for (int index : groupIndexes(user)) {
            var group = groups[index];
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

    /** T-G4: how many apps and resources a group reaches. */
    int appCount(GroupId id) {
        var group = group(id);
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
        var group = group(id);
        if (group.resourceLevelEverywhere() != null) {
            return resourceFolders.size();
        }
        int count = 0;
        for (UUID resource : group.resourceGrants().keySet()) {
            count += resourceFolders.containsKey(resource) ? 1 : 0;
        }
        return count;
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

    private Group group(GroupId id) {
        for (var group : groups) {
            if (group.id().equals(id)) {
                return group;
            }
        }
        throw new IllegalArgumentException("No group " + id + " in this space");
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
     * Each user's groups, ascending indexes, all in one array, found through an open-addressing table
     * on the two halves of the user's id. With 100,000 users a HashMap lookup mostly misses the cache
     * four times (table, entry, key, array); this reads one slot of the table and the groups.
     */
    private static final class UserGroups {

        /** Per slot: the id's most and least significant bits, then where its groups are; EMPTY if free. */
        private static final int STRIDE = 3;
        private static final long EMPTY = -1L;

        private final long[] slots;
        private final int mask;
        final int[] all;

        UserGroups(Map<UUID, int[]> groupsOfUser) {
            int capacity = Math.max(2, Integer.highestOneBit(Math.max(1, groupsOfUser.size() * 2 - 1)) << 1);
            this.mask = capacity - 1;
            this.slots = new long[capacity * STRIDE];
            for (int slot = 0; slot < capacity; slot++) {
                slots[slot * STRIDE + 2] = EMPTY;
            }
            this.all = new int[groupsOfUser.values().stream().mapToInt(indexes -> indexes.length).sum()];
            int next = 0;
            for (var entry : groupsOfUser.entrySet()) {
                int[] sorted = entry.getValue().clone();
                Arrays.sort(sorted);
                System.arraycopy(sorted, 0, all, next, sorted.length);
                long most = entry.getKey().getMostSignificantBits();
                long least = entry.getKey().getLeastSignificantBits();
                int slot = home(most, least);
                while (slots[slot * STRIDE + 2] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                slots[slot * STRIDE] = most;
                slots[slot * STRIDE + 1] = least;
                slots[slot * STRIDE + 2] = ((long) next << 32) | sorted.length;
                next += sorted.length;
            }
        }

        /** Where the user's groups are in {@link #all}, to be read with {@link #start} and {@link #count}. */
        long find(UUID user) {
            long most = user.getMostSignificantBits();
            long least = user.getLeastSignificantBits();
            for (int slot = home(most, least);; slot = (slot + 1) & mask) {
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
            long where = find(user);
            return count(where) == 0 ? NO_GROUPS : Arrays.copyOfRange(all, start(where), start(where) + count(where));
        }

        static int start(long where) {
            return (int) (where >>> 32);
        }

        static int count(long where) {
            return (int) where;
        }

        private int home(long most, long least) {
            return (int) (((most ^ least) * 0x9E3779B97F4A7C15L) >>> 32) & mask;
        }
    }
}
