package dev.toolyard.access;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.toolyard.shared.AppId;
import dev.toolyard.shared.FolderId;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/**
 * The one place that decides access (T-A7): the highest level any of a person's groups gives,
 * All Users included; the Admin group owns everything. Every controller and service asks here,
 * so console, API and runtime decide alike. Answers come from an in-memory snapshot per space;
 * a committed change to groups, memberships, grants or objects announces itself with NOTIFY, and
 * every node drops its snapshot of that space (T-D3).
 */
@Service
public class AccessEngine {

    static final String CHANNEL = "toolyard_access";

    private record Cached(long generation, SpaceSnapshot snapshot) {
    }

    private final SnapshotLoader loader;
    private final JdbcClient jdbc;
    private final ConcurrentHashMap<SpaceId, Cached> snapshots = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<SpaceId, AtomicLong> generations = new ConcurrentHashMap<>();
    /** Binds, per transaction, the spaces it changed; an object of its own so engines never share it. */
    private final Object transactionKey = new Object();

    AccessEngine(SnapshotLoader loader, JdbcClient jdbc) {
        this.loader = loader;
        this.jdbc = jdbc;
    }

    /** The person's effective level on the object, empty when they have none. */
    public Optional<AccessLevel> level(SpaceId space, UserId user, AccessObject object) {
        var snapshot = snapshot(space);
        if (!snapshot.contains(object)) {
            return Optional.empty();
        }
        return snapshot.level(user.value(), object);
    }

    public boolean canDo(SpaceId space, UserId user, Action action, AccessObject object) {
        return level(space, user, object).filter(level -> level.atLeast(capped(action.required(), object))).isPresent();
    }

    /** The level that holds on every app of the space: what global grants and built-in rules give. */
    public Optional<AccessLevel> globalAppLevel(SpaceId space, UserId user) {
        return snapshot(space).globalAppLevel(user.value());
    }

    public Optional<AccessLevel> globalResourceLevel(SpaceId space, UserId user) {
        return snapshot(space).globalResourceLevel(user.value());
    }

    public Set<AdditionalAccess> additionalAccess(SpaceId space, UserId user) {
        return snapshot(space).additionalAccess(user.value());
    }

    /** Apps the person may at least use, all of the space or of one folder. */
    public List<AppId> visibleApps(SpaceId space, UserId user, FolderId folder) {
        return snapshot(space).visibleApps(user.value(), folder);
    }

    /** T-A8: each contributing group and grant, and which one wins. */
    public AccessExplanation explain(SpaceId space, UserId user, AccessObject object) {
        var snapshot = snapshot(space);
        if (!snapshot.contains(object)) {
            throw new NotFoundException("access.object_not_found", "There is no such object in this space.");
        }
        return snapshot.explain(user.value(), object);
    }

    /** The groups a person is a member of, All Users included: what environment limits and library grants match. */
    public Set<GroupId> groupsOf(SpaceId space, UserId user) {
        return snapshot(space).groupsOf(user.value());
    }

    /**
     * T-CU1: the groups a person is in, All Users included, by name, from the snapshot (no query):
     * what {@code current_user.groups} shows.
     */
    public List<PermissionGroup> memberGroups(SpaceId space, UserId user) {
        return snapshot(space).memberships(user.value()).stream()
                .map(group -> new PermissionGroup(group.id(), space, group.name(), group.builtIn()))
                .toList();
    }

    /**
     * Whether the person is a member of the space's built-in group, from the snapshot (no query):
     * what admin checks on every request ask. Whether the person is enabled in the space is not
     * the snapshot's to say; callers check that themselves.
     */
    public boolean isMember(SpaceId space, BuiltInGroup group, UserId user) {
        for (var membership : snapshot(space).memberships(user.value())) {
            if (membership.builtIn() == group) {
                return true;
            }
        }
        return false;
    }

    int appCount(SpaceId space, GroupId group) {
        return snapshot(space).appCount(group);
    }

    int resourceCount(SpaceId space, GroupId group) {
        return snapshot(space).resourceCount(group);
    }

    /**
     * To be called inside the transaction of any change that affects access in the space: after
     * it commits, this node and every other one answer from the new state. A rollback changes nothing.
     */
    public void changed(SpaceId space) {
        jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, space.toString()).query().singleRow();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            changedInThisTransaction().add(space);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    invalidate(space);
                }
            });
        } else {
            invalidate(space);
        }
    }

    /**
     * The spaces this transaction changed. Until it ends, its own reads of them come from a
     * snapshot that sees its writes (a new resource, a moved app) and that no one else is given.
     */
    private Set<SpaceId> changedInThisTransaction() {
        @SuppressWarnings("unchecked")
        var changed = (Set<SpaceId>) TransactionSynchronizationManager.getResource(transactionKey);
        if (changed == null) {
            var spaces = new HashSet<SpaceId>();
            TransactionSynchronizationManager.bindResource(transactionKey, spaces);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(transactionKey);
                }
            });
            return spaces;
        }
        return changed;
    }

    private boolean changedInThisTransaction(SpaceId space) {
        return TransactionSynchronizationManager.getResource(transactionKey) instanceof Set<?> changed
                && changed.contains(space);
    }

    void invalidate(SpaceId space) {
        generation(space).incrementAndGet();
        snapshots.remove(space);
    }

    void invalidateAll() {
        generations.values().forEach(AtomicLong::incrementAndGet);
        snapshots.clear();
    }

    private SpaceSnapshot snapshot(SpaceId space) {
        if (changedInThisTransaction(space)) {
            return loader.load(space);
        }
        var cached = snapshots.get(space);
        long generation = generation(space).get();
        if (cached != null && cached.generation() == generation) {
            return cached.snapshot();
        }
        var loaded = loader.load(space);
        // Keep it only if no change arrived while loading; otherwise the next call loads again.
        if (generation(space).get() == generation) {
            snapshots.put(space, new Cached(generation, loaded));
        }
        return loaded;
    }

    private AtomicLong generation(SpaceId space) {
        return generations.computeIfAbsent(space, id -> new AtomicLong());
    }

    private static AccessLevel capped(AccessLevel required, AccessObject object) {
        return required.compareTo(object.highestLevel()) > 0 ? object.highestLevel() : required;
    }
}
