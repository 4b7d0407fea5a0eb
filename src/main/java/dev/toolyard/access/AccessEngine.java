package dev.toolyard.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * so console, API and runtime decide alike. Answers come from an in-memory snapshot per space.
 * A change names the parts of the snapshot it touched ({@link SnapshotPart}) in a NOTIFY sent with
 * its commit; every node reads those parts again and swaps in a snapshot built from its previous
 * one, in milliseconds even at issue 3's size, where loading the whole space takes seconds (T-D3).
 */
@Service
public class AccessEngine {

    static final String CHANNEL = "toolyard_access";
    /** PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more; a change naming more parts sends several. */
    private static final int MAX_PAYLOAD = 7_900;

    private static final Logger log = LoggerFactory.getLogger(AccessEngine.class);

    /** One space here: its snapshot, if loaded, and the committed changes not yet applied to it. */
    private static final class CachedSpace {

        /** Held to load the snapshot or apply changes: one load per space at a time, and changes one batch at a time. */
        final ReentrantLock lock = new ReentrantLock();
        final ConcurrentLinkedQueue<SnapshotPart> pending = new ConcurrentLinkedQueue<>();
        /**
         * Replaced, never changed: a load or update keeps its result only if what it started from is
         * still here, so one begun before a drop (which needs no lock) cannot bring the old state back.
         */
        final AtomicReference<Kept> kept = new AtomicReference<>(new Kept(0, null));
    }

    /** The snapshot of a space ({@code null}: none) and how many times the space was dropped before it. */
    private record Kept(long drops, SpaceSnapshot snapshot) {
    }

    private final SnapshotLoader loader;
    private final JdbcClient jdbc;
    private final ConcurrentHashMap<SpaceId, CachedSpace> spaces = new ConcurrentHashMap<>();
    /** Binds, per transaction, the parts of each space it changed; an object of its own so engines never share it. */
    private final Object transactionKey = new Object();
    /** Signs this engine's notifications: it applies its own changes as they commit, so it skips them when they come back. */
    private final String node = UUID.randomUUID().toString();

    AccessEngine(SnapshotLoader loader, JdbcClient jdbc) {
        this.loader = loader;
        this.jdbc = jdbc;
    }

    /**
     * The person's effective level on the object, empty when they have none. Toolyard itself
     * ({@link UserId#SYSTEM}, e.g. making the sample at first start) has the highest level on
     * every object of the space, as the Admin group does.
     */
    public Optional<AccessLevel> level(SpaceId space, UserId user, AccessObject object) {
        var snapshot = snapshot(space);
        if (!snapshot.contains(object)) {
            return Optional.empty();
        }
        if (user.equals(UserId.SYSTEM)) {
            return Optional.of(object.highestLevel());
        }
        return snapshot.level(user.value(), object);
    }

    public boolean canDo(SpaceId space, UserId user, Action action, AccessObject object) {
        return level(space, user, object).filter(level -> level.atLeast(capped(action.required(), object))).isPresent();
    }

    /** The level that holds on every app of the space: what global grants and built-in rules give. */
    public Optional<AccessLevel> globalAppLevel(SpaceId space, UserId user) {
        if (user.equals(UserId.SYSTEM)) {
            return Optional.of(AccessLevel.OWN);
        }
        return snapshot(space).globalAppLevel(user.value());
    }

    public Optional<AccessLevel> globalResourceLevel(SpaceId space, UserId user) {
        if (user.equals(UserId.SYSTEM)) {
            return Optional.of(AccessLevel.EDIT);
        }
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

    /** Every group of the space, built-in and custom, from the snapshot (no query): what every SSO sign-in maps roles onto. */
    public List<PermissionGroup> groups(SpaceId space) {
        return snapshot(space).groups().stream()
                .map(group -> new PermissionGroup(group.id(), space, group.name(), group.builtIn()))
                .toList();
    }

    /**
     * T-CU1: the groups a person is in, All Users included, by name, from the snapshot (no query):
     * what {@code current_user.groups} shows.
     */
    public List<PermissionGroup> memberGroups(SpaceId space, UserId user) {
        return snapshot(space).memberships(user.value()).stream()
                .map(group -> new PermissionGroup(group.id(), space, group.name(), group.builtIn()))
                .sorted(Comparator.comparing((PermissionGroup group) -> group.name().toLowerCase(Locale.ROOT))
                        .thenComparing(PermissionGroup::name))
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
     * To be called inside the transaction of a change that affects access in the space, right after
     * its writes, when it cannot say which parts it touched: after it commits, every node loads the
     * whole space again (seconds for a large space). A rollback changes nothing.
     */
    public void changed(SpaceId space) {
        changed(space, List.of(SnapshotPart.SPACE));
    }

    /**
     * As {@link #changed(SpaceId)}, naming the parts the change touched: after it commits, this node
     * (before the committing call returns) and every other one (on the notification) read just those
     * parts again. Until the transaction ends, its own reads of the space see its writes.
     */
    void changed(SpaceId space, SnapshotPart... parts) {
        changed(space, List.of(parts));
    }

    void changed(SpaceId space, Collection<SnapshotPart> parts) {
        for (String payload : payloads(space, parts)) {
            jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, payload).query().singleRow();
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            changesOfThisTransaction().computeIfAbsent(space, id -> new LinkedHashSet<>()).addAll(parts);
        } else {
            apply(space, parts, true);
        }
    }

    /** {@code <space> <node> <part> <part>…}, each under PostgreSQL's limit. */
    private List<String> payloads(SpaceId space, Collection<SnapshotPart> parts) {
        String signed = space + " " + node;
        var payloads = new ArrayList<String>();
        var payload = new StringBuilder(signed);
        for (var part : parts) {
            String encoded = part.encode();
            if (payload.length() > signed.length() && payload.length() + 1 + encoded.length() > MAX_PAYLOAD) {
                payloads.add(payload.toString());
                payload = new StringBuilder(signed);
            }
            payload.append(' ').append(encoded);
        }
        payloads.add(payload.toString());
        return payloads;
    }

    /**
     * A notification from any node, this one included, as {@link AccessChangeListener} receives it.
     * A payload this node cannot read (a bare space id, or an unknown part) reloads the space.
     */
    void notified(String payload) {
        String[] words = payload.split(" ");
        var space = SpaceId.parse(words[0]);
        if (words.length > 1 && words[1].equals(node)) {
            return;
        }
        List<SnapshotPart> parts = new ArrayList<>();
        try {
            for (int i = 2; i < words.length; i++) {
                parts.add(SnapshotPart.decode(words[i]));
            }
        } catch (IllegalArgumentException unreadable) {
            log.warn("Reloading space {} after an access notification this node cannot read: {}", space, payload);
            parts = List.of(SnapshotPart.SPACE);
        }
        apply(space, parts.isEmpty() ? List.of(SnapshotPart.SPACE) : parts, false);
    }

    /**
     * Brings this node's snapshot of the space up to date with committed changes to the parts.
     * {@code ownCommit}: called by the committing thread, which waits its turn so that its caller's
     * next question sees the change; the listener never waits, and whoever holds the lock applies
     * what it leaves.
     */
    private void apply(SpaceId space, Collection<SnapshotPart> parts, boolean ownCommit) {
        var cached = spaces.get(space);
        if (cached == null) {
            return;
        }
        if (parts.contains(SnapshotPart.SPACE)) {
            drop(cached);
            return;
        }
        cached.pending.addAll(parts);
        drain(space, cached, ownCommit && cached.kept.get().snapshot() != null ? lock(cached) : cached.lock.tryLock());
    }

    /**
     * When {@code locked} (this thread holds the lock): applies the waiting parts and lets go; again
     * while parts are left that other threads added, unable to take the lock, for its holder to apply.
     */
    private void drain(SpaceId space, CachedSpace cached, boolean locked) {
        while (locked) {
            try {
                var start = cached.kept.get();
                if (start.snapshot() == null) {
                    // Nothing loaded and no load running (it would hold the lock): the next load reads it all.
                    cached.pending.clear();
                } else {
                    update(space, cached, start, start.snapshot());
                }
            } catch (RuntimeException e) {
                log.warn("Could not apply access changes to space {}; it will be loaded again", space, e);
                drop(cached);
            } finally {
                cached.lock.unlock();
            }
            locked = !cached.pending.isEmpty() && cached.lock.tryLock();
        }
    }

    private static boolean lock(CachedSpace cached) {
        cached.lock.lock();
        return true;
    }

    /**
     * Under the lock: {@code base} with the waiting parts read again, kept if the space still holds
     * {@code start}.
     */
    private SpaceSnapshot update(SpaceId space, CachedSpace cached, Kept start, SpaceSnapshot base) {
        var parts = new LinkedHashSet<SnapshotPart>();
        for (SnapshotPart part = cached.pending.poll(); part != null; part = cached.pending.poll()) {
            parts.add(part);
        }
        var updated = parts.isEmpty() ? base : loader.apply(space, base, parts);
        cached.kept.compareAndSet(start, new Kept(start.drops(), updated));
        return updated;
    }

    /**
     * The parts each space was changed in by this transaction. Until it ends, its own reads of those
     * spaces come from a snapshot that sees its writes (a new resource, a moved app) and that no one
     * else is given; once it commits, the parts are applied to this node's snapshots.
     */
    private Map<SpaceId, Set<SnapshotPart>> changesOfThisTransaction() {
        @SuppressWarnings("unchecked")
        var changes = (Map<SpaceId, Set<SnapshotPart>>) TransactionSynchronizationManager.getResource(transactionKey);
        if (changes == null) {
            var changed = new HashMap<SpaceId, Set<SnapshotPart>>();
            TransactionSynchronizationManager.bindResource(transactionKey, changed);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    changed.forEach((space, parts) -> apply(space, parts, true));
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(transactionKey);
                }
            });
            return changed;
        }
        return changes;
    }

    /** Drops every snapshot, for when notifications may have been missed (the listener lost its connection). */
    void invalidateAll() {
        spaces.values().forEach(AccessEngine::drop);
    }

    private static void drop(CachedSpace cached) {
        cached.kept.updateAndGet(kept -> new Kept(kept.drops() + 1, null));
    }

    /** What this node answers from for the space (package-private so tests can compare it with a fresh load). */
    SpaceSnapshot snapshot(SpaceId space) {
        if (TransactionSynchronizationManager.getResource(transactionKey) instanceof Map<?, ?> changes
                && changes.get(space) instanceof Set<?> parts) {
            return ownView(space, parts);
        }
        var cached = spaces.get(space);
        if (cached == null) {
            cached = spaces.computeIfAbsent(space, id -> new CachedSpace());
        }
        var snapshot = cached.kept.get().snapshot();
        return snapshot != null ? snapshot : load(space, cached);
    }

    /** The cached snapshot with the parts this transaction changed read through it, or the whole space. */
    private SpaceSnapshot ownView(SpaceId space, Set<?> changed) {
        var parts = new ArrayList<SnapshotPart>();
        changed.forEach(part -> parts.add((SnapshotPart) part));
        var cached = spaces.get(space);
        var base = cached == null ? null : cached.kept.get().snapshot();
        return base == null ? loader.load(space) : loader.apply(space, base, parts);
    }

    /** One load per space at a time: concurrent questions wait for it rather than each loading the space. */
    private SpaceSnapshot load(SpaceId space, CachedSpace cached) {
        SpaceSnapshot loaded;
        cached.lock.lock();
        try {
            var start = cached.kept.get();
            loaded = start.snapshot();
            if (loaded == null) {
                // What waits was committed before the load begins, so the load sees it; what arrives while it
                // runs may or may not be in it, and reading those parts again afterwards is right either way.
                cached.pending.clear();
                loaded = update(space, cached, start, loader.load(space));
            }
        } finally {
            cached.lock.unlock();
        }
        drain(space, cached, !cached.pending.isEmpty() && cached.lock.tryLock());
        return loaded;
    }

    private static AccessLevel capped(AccessLevel required, AccessObject object) {
        return required.compareTo(object.highestLevel()) > 0 ? object.highestLevel() : required;
    }
}
