package dev.toolyard.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.casbin.jcasbin.main.Enforcer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.toolyard.shared.AppId;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/**
 * Issue 3's access targets on its data (100,000 users in 20 of 1,000 groups each, 10,000 apps in 500
 * folders, 200,000 grants; {@link GeneratedSpace.Shape#issue3()}): {@code level} from the in-memory
 * snapshot (sampled, for its median and p99), {@code visibleApps} over all apps, and the same yes/no
 * decisions made by the engine and by jCasbin (RBAC with domains, the same rows) for their throughputs.
 *
 * <p>The engine is the real {@link AccessEngine} with its snapshot cached, as after the first request
 * of a space; the snapshot is built from generated rows rather than read from PostgreSQL, since
 * loading is not what the targets are about. Every invocation takes the next of 2^20 random
 * (user, app, level) queries, the same sequence for engine and jCasbin; the engine's calls make
 * their id objects from two longs each, as a request parses them (jCasbin gets strings made once).
 */
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AccessEngineBenchmark {

    private static final int QUERIES = 1 << 20;
    private static final AccessLevel[] LEVELS = AccessLevel.values();

    /** The generated space and the query sequence, made once per fork. */
    @State(Scope.Benchmark)
    public static class Space {

        GeneratedSpace data;
        SpaceId space;
        int[] user = new int[QUERIES];
        int[] app = new int[QUERIES];
        int[] level = new int[QUERIES];

        @Setup
        public void generate() {
            long started = System.nanoTime();
            data = GeneratedSpace.generate(GeneratedSpace.Shape.issue3());
            space = data.space;
            var random = new Random(3);
            for (int i = 0; i < QUERIES; i++) {
                user[i] = random.nextInt(data.users.length);
                app[i] = random.nextInt(data.apps.length);
                level[i] = random.nextInt(LEVELS.length);
            }
            System.out.printf("%n[space] generated in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        }
    }

    @State(Scope.Benchmark)
    public static class Engine {

        AccessEngine engine;
        /** Each user's and app's id as two longs, from which every call makes its id objects. */
        long[] userBits;
        long[] appBits;
        Action[] actions = { Action.USE, Action.EDIT, Action.OWN };

        @Setup
        public void build(Space space) {
            engine = space.data.engine();
            userBits = bits(space.data.users);
            appBits = bits(space.data.apps);
            // The first call caches the snapshot, as the first request of a space does.
            engine.level(space.space, user(0), app(0));
            int allowed = 0;
            for (int i = 0; i < 100_000; i++) {
                allowed += engine.canDo(space.space, user(space.user[i]), actions[space.level[i]], app(space.app[i])) ? 1 : 0;
            }
            System.out.printf("%n[engine] %.1f %% of the first 100,000 queries allowed%n", allowed / 1_000.0);
        }

        /**
         * A request parses its ids, so they are new objects in the cache; ids made once and picked at
         * random would instead cost each call three cache misses of the benchmark's own.
         */
        UserId user(int index) {
            return new UserId(new UUID(userBits[2 * index], userBits[2 * index + 1]));
        }

        AccessObject.App app(int index) {
            return new AccessObject.App(new AppId(new UUID(appBits[2 * index], appBits[2 * index + 1])));
        }

        private static long[] bits(UUID[] ids) {
            var bits = new long[ids.length * 2];
            for (int i = 0; i < ids.length; i++) {
                bits[2 * i] = ids[i].getMostSignificantBits();
                bits[2 * i + 1] = ids[i].getLeastSignificantBits();
            }
            return bits;
        }
    }

    /** The snapshot as every node holds it, to which the change benchmarks apply one change each. */
    @State(Scope.Benchmark)
    public static class Changes {

        SpaceSnapshot snapshot;
        GroupId[] groupIds;

        @Setup
        public void build(Space space) {
            snapshot = space.data.snapshot();
            groupIds = space.data.groups.stream().map(SpaceSnapshot.Group::id).toArray(GroupId[]::new);
        }
    }

    @State(Scope.Benchmark)
    public static class Casbin {

        @Param({ "equalities-first", "documented" })
        public String matcher;

        Enforcer enforcer;
        String domain;

        @Setup
        public void build(Space space) {
            long started = System.nanoTime();
            enforcer = space.data.casbin("documented".equals(matcher) ? GeneratedSpace.DOCUMENTED_MATCHER
                    : GeneratedSpace.EQUALITIES_FIRST_MATCHER);
            domain = space.space.toString();
            System.out.printf("%n[casbin] %d policies, %d role links, built in %d ms%n",
                    enforcer.getPolicy().size(), enforcer.getGroupingPolicy().size(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Where each thread is in the query sequence; every fork starts at its beginning. */
    @State(Scope.Thread)
    public static class Cursor {

        int next;

        int take() {
            return next++ & (QUERIES - 1);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Optional<AccessLevel> level(Space space, Engine engine, Cursor cursor) {
        int i = cursor.take();
        return engine.engine.level(space.space, engine.user(space.user[i]), engine.app(space.app[i]));
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<AppId> visibleApps(Space space, Engine engine, Cursor cursor) {
        int i = cursor.take();
        return engine.engine.visibleApps(space.space, engine.user(space.user[i]), null);
    }

    /** A yes/no decision: may the user act at this level on the app ({@code canDo}). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public boolean decideWithEngine(Space space, Engine engine, Cursor cursor) {
        int i = cursor.take();
        return engine.engine.canDo(space.space, engine.user(space.user[i]), engine.actions[space.level[i]],
                engine.app(space.app[i]));
    }

    /**
     * What a node does with a notified membership change once it has read the user's groups again: a
     * new snapshot with the user in one more group, sharing everything else with the old one.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public SpaceSnapshot changeMembership(Space space, Changes changes, Cursor cursor) {
        int i = cursor.take();
        int user = space.user[i];
        var groups = new ArrayList<GroupId>(space.data.groupsOfUser[user].length + 1);
        for (int group : space.data.groupsOfUser[user]) {
            groups.add(changes.groupIds[group]);
        }
        groups.add(changes.groupIds[4 + space.app[i] % (changes.groupIds.length - 4)]);
        return changes.snapshot.withMemberships(Map.of(space.data.users[user], groups));
    }

    /**
     * What a node does with a notified grant change once it has read the group again: a new snapshot
     * with the group's grant on one app changed (the group's grants and the index of apps updated).
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public SpaceSnapshot changeGroupGrant(Space space, Changes changes, Cursor cursor) {
        int i = cursor.take();
        var group = space.data.groups.get(4 + space.user[i] % (space.data.groups.size() - 4));
        var app = new AccessObject.App(new AppId(space.data.apps[space.app[i]]));
        return changes.snapshot.withGroup(group.withGrant(app, LEVELS[space.level[i]]));
    }

    /** The same decision by jCasbin: {@code enforce(user, space, app, level)}. Each call scans the policy list. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 2, time = 5)
    @Measurement(iterations = 5, time = 5)
    public boolean decideWithCasbin(Space space, Casbin casbin, Cursor cursor) {
        int i = cursor.take();
        return casbin.enforcer.enforce(space.data.userNames[space.user[i]], casbin.domain,
                space.data.appNames[space.app[i]], LEVELS[space.level[i]].name());
    }
}
