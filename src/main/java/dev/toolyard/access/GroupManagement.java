package dev.toolyard.access;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.FieldProblem;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/**
 * Permission groups as space admins and group admins manage them (T-G1–T-G5): custom groups,
 * members, group admins, and each group's access, saved atomically. Every change reaches every
 * node's access engine once committed.
 */
@Service
public class GroupManagement {

    static final int MAX_NAME = 80;

    private final GroupRepository groups;
    private final AccessEngine engine;
    private final ObjectProvider<AccessCatalog> catalogs;
    private final ObjectProvider<MemberDirectory> directory;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    GroupManagement(GroupRepository groups, AccessEngine engine, ObjectProvider<AccessCatalog> catalogs,
            ObjectProvider<MemberDirectory> directory, ApplicationEventPublisher events, Clock clock) {
        this.groups = groups;
        this.engine = engine;
        this.catalogs = catalogs;
        this.directory = directory;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<GroupSummary> list(Caller caller) {
        requireAdmin(caller, ApiScope.GROUPS_READ);
        var counts = groups.memberCounts(caller.spaceId());
        return groups.all(caller.spaceId()).stream().map(group -> new GroupSummary(group,
                group.builtIn() == BuiltInGroup.ALL_USERS ? directory.getObject().activeUsers(caller.spaceId())
                        : counts.getOrDefault(group.id(), 0L),
                engine.appCount(caller.spaceId(), group.id()), engine.resourceCount(caller.spaceId(), group.id())))
                .toList();
    }

    @Transactional(readOnly = true)
    public PermissionGroup get(Caller caller, GroupId id) {
        caller.requireScope(ApiScope.GROUPS_READ);
        var group = find(caller.spaceId(), id);
        if (!caller.spaceAdmin() && !groups.isGroupAdmin(id, caller.userId())) {
            throw ForbiddenException.denied();
        }
        return group;
    }

    @Transactional
    public PermissionGroup create(Caller caller, String name) {
        requireAdmin(caller, ApiScope.GROUPS_WRITE);
        var group = new PermissionGroup(GroupId.random(), caller.spaceId(), validName(name), null);
        if (!groups.insert(group, clock.instant())) {
            throw nameTaken(group.name());
        }
        engine.changed(caller.spaceId(), SnapshotPart.group(group.id()));
        events.publishEvent(new GroupChanged(caller, "group.created", group, null, Map.of("name", group.name())));
        return group;
    }

    @Transactional
    public PermissionGroup rename(Caller caller, GroupId id, String name) {
        requireAdmin(caller, ApiScope.GROUPS_WRITE);
        var before = lockCustom(caller.spaceId(), id);
        String valid = validName(name);
        if (!groups.rename(id, valid)) {
            throw nameTaken(valid);
        }
        var after = new PermissionGroup(id, before.spaceId(), valid, null);
        engine.changed(caller.spaceId(), SnapshotPart.group(id));
        events.publishEvent(new GroupChanged(caller, "group.renamed", after, Map.of("name", before.name()),
                Map.of("name", valid)));
        return after;
    }

    @Transactional
    public void delete(Caller caller, GroupId id) {
        requireAdmin(caller, ApiScope.GROUPS_WRITE);
        var group = lockCustom(caller.spaceId(), id);
        groups.delete(id);
        engine.changed(caller.spaceId(), SnapshotPart.group(id));
        events.publishEvent(new GroupChanged(caller, "group.deleted", group, Map.of("name", group.name()), null));
    }

    /** Members with their group-admin mark; for space admins and the group's own admins (T-G3). */
    @Transactional(readOnly = true)
    public List<GroupMember> members(Caller caller, GroupId id) {
        var group = get(caller, id);
        if (group.builtIn() == BuiltInGroup.ALL_USERS) {
            return List.of();
        }
        var admins = Set.copyOf(groups.groupAdmins(id));
        return directory.getObject().describe(caller.spaceId(), groups.members(id)).stream()
                .map(member -> new GroupMember(member, admins.contains(member.id())))
                .sorted(Comparator.comparing(member -> member.member().name().toLowerCase(Locale.ROOT)))
                .toList();
    }

    public record GroupMember(MemberDirectory.Member member, boolean groupAdmin) {
    }

    @Transactional
    public void addMember(Caller caller, GroupId id, UserId user) {
        var group = requireMemberManager(caller, id);
        String state = directory.getObject().state(caller.spaceId(), user)
                .orElseThrow(() -> new NotFoundException("user.not_found", "There is no user " + user + " in this space."));
        if ("SUGGESTED".equals(state)) {
            throw new ConflictException("group.user_not_approved",
                    "A suggested user joins groups only once an admin approves them.");
        }
        if (groups.addMember(id, user, clock.instant())) {
            engine.changed(caller.spaceId(), SnapshotPart.user(user));
            events.publishEvent(new GroupChanged(caller, "group.member_added", group, null, Map.of("user", user.toString())));
        }
    }

    @Transactional
    public void removeMember(Caller caller, GroupId id, UserId user) {
        var group = requireMemberManager(caller, id);
        // A user of another space is not found, as everywhere else (T-SP2), rather than "not a member".
        directory.getObject().state(caller.spaceId(), user)
                .orElseThrow(() -> new NotFoundException("user.not_found", "There is no user " + user + " in this space."));
        if (group.builtIn() == BuiltInGroup.ADMIN && user.equals(caller.userId())) {
            throw new ConflictException("group.cannot_leave_admin", "You cannot remove yourself from the Admin group.");
        }
        if (groups.removeMember(id, user)) {
            engine.changed(caller.spaceId(), SnapshotPart.user(user));
            events.publishEvent(new GroupChanged(caller, "group.member_removed", group, Map.of("user", user.toString()), null));
        }
    }

    /**
     * T-ID5's group push: many members added and removed in one step, under one lock of the group,
     * with one change to the access engine's snapshot and one audit entry. Every user must be of
     * the space ({@code user.not_found} otherwise) and none suggested; nothing changes unless all are.
     */
    @Transactional
    public void changeMembers(Caller caller, GroupId id, Collection<UserId> add, Collection<UserId> remove) {
        var group = requireMemberManager(caller, id);
        var wanted = new LinkedHashSet<UserId>(add);
        wanted.addAll(remove);
        var states = new HashMap<UserId, String>();
        directory.getObject().describe(caller.spaceId(), wanted).forEach(member -> states.put(member.id(), member.state()));
        for (var user : wanted) {
            if (!states.containsKey(user)) {
                throw new NotFoundException("user.not_found", "There is no user " + user + " in this space.");
            }
        }
        for (var user : add) {
            if ("SUGGESTED".equals(states.get(user))) {
                throw new ConflictException("group.user_not_approved",
                        "A suggested user joins groups only once an admin approves them.");
            }
        }
        if (group.builtIn() == BuiltInGroup.ADMIN && remove.contains(caller.userId())) {
            throw new ConflictException("group.cannot_leave_admin", "You cannot remove yourself from the Admin group.");
        }
        var now = clock.instant();
        var added = add.stream().filter(user -> groups.addMember(id, user, now)).toList();
        var removed = remove.stream().filter(user -> groups.removeMember(id, user)).toList();
        if (added.isEmpty() && removed.isEmpty()) {
            return;
        }
        engine.changed(caller.spaceId(), Stream.concat(added.stream(), removed.stream()).distinct()
                .map(SnapshotPart::user).toList());
        var after = new LinkedHashMap<String, Object>();
        after.put("added", added.stream().map(UserId::toString).toList());
        after.put("removed", removed.stream().map(UserId::toString).toList());
        events.publishEvent(new GroupChanged(caller, "group.members_changed", group, null, after));
    }

    /** T-G3: only space admins appoint group admins, and only in custom groups. */
    @Transactional
    public void setGroupAdmin(Caller caller, GroupId id, UserId user, boolean admin) {
        requireAdmin(caller, ApiScope.GROUPS_WRITE);
        var group = lockCustom(caller.spaceId(), id);
        if (!groups.setGroupAdmin(id, user, admin)) {
            throw new NotFoundException("group.member_not_found", "That user is not a member of " + group.name() + ".");
        }
        events.publishEvent(new GroupChanged(caller, admin ? "group.admin_appointed" : "group.admin_removed", group,
                null, Map.of("user", user.toString())));
    }

    /** T-G3: the custom groups whose members the caller manages as their group admin. */
    @Transactional(readOnly = true)
    public List<PermissionGroup> administeredBy(Caller caller) {
        caller.requireScope(ApiScope.GROUPS_READ);
        return groups.administeredBy(caller.spaceId(), caller.userId());
    }

    /** T-G3: group admins see the user list of the space, as do groups with that additional access. */
    @Transactional(readOnly = true)
    public boolean mayListUsers(Caller caller) {
        return caller.spaceAdmin()
                || engine.additionalAccess(caller.spaceId(), caller.userId()).contains(AdditionalAccess.USER_LIST)
                || groups.isGroupAdminOfAny(caller.spaceId(), caller.userId());
    }

    @Transactional(readOnly = true)
    public GroupAccess access(Caller caller, GroupId id) {
        requireAdmin(caller, ApiScope.GROUPS_READ);
        find(caller.spaceId(), id);
        return groups.access(id);
    }

    /** T-G5: the whole of a group's access in one transaction; T-A3's folder rules applied. */
    @Transactional
    public GroupAccess saveAccess(Caller caller, GroupId id, AccessChange change) {
        requireAdmin(caller, ApiScope.GROUPS_WRITE);
        var group = groups.findForUpdate(caller.spaceId(), id).orElseThrow(() -> notFound(id));
        if (!group.grantsEditable()) {
            throw new ConflictException("group.built_in_rules_fixed",
                    "The rules of " + group.name() + " are built in and cannot be changed.");
        }
        var wanted = change.access();
        var space = caller.spaceId();
        var appPlacements = catalog(AccessCatalog.Kind.APPS).placements(space);
        var resourcePlacements = catalog(AccessCatalog.Kind.RESOURCES).placements(space);
        var appFolders = catalog(AccessCatalog.Kind.APPS).folders(space);
        var resourceFolders = catalog(AccessCatalog.Kind.RESOURCES).folders(space);
        requireKnown("folders", wanted.folders().keySet(), appFolders);
        requireKnown("apps", wanted.apps().keySet(), appPlacements.keySet());
        requireKnown("resourceFolders", wanted.resourceFolders().keySet(), resourceFolders);
        requireKnown("resources", wanted.resources().keySet(), resourcePlacements.keySet());
        requireKnown("applyToApps", change.applyToApps(), appFolders);
        requireKnown("applyToResources", change.applyToResources(), resourceFolders);
        requireResourceLevels(wanted);

        var apps = new HashMap<>(wanted.apps());
        applyFolderLevels(change.applyToApps(), wanted.folders(), appPlacements, apps);
        var resources = new HashMap<>(wanted.resources());
        applyFolderLevels(change.applyToResources(), wanted.resourceFolders(), resourcePlacements, resources);
        var saved = new GroupAccess(wanted.globalApps(), wanted.folders(), apps, wanted.globalResources(),
                wanted.resourceFolders(), resources, wanted.additional());

        var before = groups.access(id);
        groups.replaceAccess(id, saved);
        engine.changed(space, SnapshotPart.group(id));
        events.publishEvent(new GroupChanged(caller, "group.access_saved", group, describe(before), describe(saved)));
        return saved;
    }

    /** T-A8, for space admins: why a user of the space has their level on an object. */
    @Transactional(readOnly = true)
    public AccessExplanation explain(Caller caller, UserId user, AccessObject object) {
        requireAdmin(caller, ApiScope.GROUPS_READ);
        directory.getObject().state(caller.spaceId(), user)
                .orElseThrow(() -> new NotFoundException("user.not_found", "There is no user " + user + " in this space."));
        return engine.explain(caller.spaceId(), user, object);
    }

    /** T-SP5: a child space gets the admin space's custom groups with their global rules, never members. */
    @Transactional
    public int copyDefinitions(SpaceId from, SpaceId to) {
        int copied = 0;
        var written = new ArrayList<SnapshotPart>();
        var existing = new HashMap<String, PermissionGroup>();
        groups.all(to).forEach(group -> existing.put(group.name().toLowerCase(Locale.ROOT), group));
        for (var source : groups.all(from)) {
            if (!source.grantsEditable()) {
                continue;
            }
            var access = groups.access(source.id());
            var definition = new GroupAccess(access.globalApps(), Map.of(), Map.of(), access.globalResources(),
                    Map.of(), Map.of(), access.additional());
            var target = existing.get(source.name().toLowerCase(Locale.ROOT));
            if (target == null) {
                target = new PermissionGroup(GroupId.random(), to, source.name(), null);
                groups.insert(target, clock.instant());
            }
            var current = groups.access(target.id());
            groups.replaceAccess(target.id(), new GroupAccess(definition.globalApps(), current.folders(),
                    current.apps(), definition.globalResources(), current.resourceFolders(), current.resources(),
                    definition.additional()));
            written.add(SnapshotPart.group(target.id()));
            copied++;
        }
        if (!written.isEmpty()) {
            engine.changed(to, written);
        }
        return copied;
    }

    private static void applyFolderLevels(Set<UUID> applyTo, Map<UUID, AccessLevel> folderLevels,
            Map<UUID, UUID> placements, Map<UUID, AccessLevel> objectLevels) {
        for (UUID folder : applyTo) {
            var level = folderLevels.get(folder);
            placements.forEach((object, placedIn) -> {
                if (folder.equals(placedIn)) {
                    if (level == null) {
                        objectLevels.remove(object);
                    } else {
                        objectLevels.put(object, level);
                    }
                }
            });
        }
    }

    private static Map<String, Object> describe(GroupAccess access) {
        var state = new LinkedHashMap<String, Object>();
        state.put("globalApps", access.globalApps() == null ? null : access.globalApps().name());
        state.put("folders", names(access.folders()));
        state.put("apps", names(access.apps()));
        state.put("globalResources", access.globalResources() == null ? null : access.globalResources().name());
        state.put("resourceFolders", names(access.resourceFolders()));
        state.put("resources", names(access.resources()));
        state.put("additional", access.additional().stream().map(Enum::name).sorted().toList());
        return state;
    }

    private static Map<String, Object> names(Map<UUID, AccessLevel> levels) {
        var named = new TreeMap<String, Object>();
        levels.forEach((id, level) -> named.put(id.toString(), level.name()));
        return named;
    }

    private static void requireResourceLevels(GroupAccess access) {
        var levels = new ArrayList<AccessLevel>(access.resourceFolders().values());
        levels.addAll(access.resources().values());
        levels.add(access.globalResources());
        if (levels.contains(AccessLevel.OWN)) {
            throw InvalidInputException.of("resources", "access.invalid_level", "resources have the levels USE and EDIT only");
        }
    }

    private static void requireKnown(String field, Set<UUID> wanted, Set<UUID> known) {
        var unknown = wanted.stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("access.unknown_object", "These objects are not in this space: " + unknown,
                    List.of(new FieldProblem(field, "access.unknown_object", "not in this space: " + unknown)));
        }
    }

    private AccessCatalog catalog(AccessCatalog.Kind kind) {
        return catalogs.orderedStream().filter(catalog -> catalog.kind() == kind).findFirst()
                .orElseThrow(() -> new IllegalStateException("No catalog of " + kind));
    }

    private PermissionGroup requireMemberManager(Caller caller, GroupId id) {
        caller.requireScope(ApiScope.GROUPS_WRITE);
        var group = groups.findForUpdate(caller.spaceId(), id).orElseThrow(() -> notFound(id));
        if (!group.membersEditable()) {
            throw new ConflictException("group.members_automatic", "Every user of the space is in All Users.");
        }
        boolean mayManage = caller.spaceAdmin() || group.custom() && groups.isGroupAdmin(id, caller.userId());
        if (!mayManage) {
            throw ForbiddenException.denied();
        }
        return group;
    }

    private PermissionGroup lockCustom(SpaceId space, GroupId id) {
        var group = groups.findForUpdate(space, id).orElseThrow(() -> notFound(id));
        if (!group.custom()) {
            throw new ConflictException("group.built_in", group.name() + " is a built-in group and cannot be changed so.");
        }
        return group;
    }

    private PermissionGroup find(SpaceId space, GroupId id) {
        return groups.find(space, id).orElseThrow(() -> notFound(id));
    }

    private static void requireAdmin(Caller caller, ApiScope scope) {
        caller.requireScope(scope);
        caller.requireSpaceAdmin();
    }

    private static String validName(String name) {
        String value = name == null ? "" : name.strip();
        if (value.isEmpty() || value.length() > MAX_NAME) {
            throw InvalidInputException.of("name", "field.size", "name must be between 1 and " + MAX_NAME + " characters");
        }
        return value;
    }

    private static NotFoundException notFound(GroupId id) {
        return new NotFoundException("group.not_found", "There is no group " + id + " in this space.");
    }

    private static ConflictException nameTaken(String name) {
        return new ConflictException("group.name_taken", "A group named '" + name + "' already exists.",
                new FieldProblem("name", "group.name_taken", "is already taken"));
    }
}
