package dev.toolyard.access;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import dev.toolyard.ToolyardApplication;
import dev.toolyard.identity.ApiTokenManagement;
import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a change costs a node at issue 3's size, and how soon another node answers with it. Starts
 * Toolyard on the embedded PostgreSQL in a fresh data directory and writes
 * {@link GeneratedSpace.Shape#issue3()} into the admin space with COPY (100,000 users, 996 custom groups,
 * 2,000,000 memberships, 500 folders, 10,000 apps, 200,000 grant rows). Then:
 * <ol>
 * <li>times {@code SnapshotLoader.load}, what a node pays to load the space (at start, or when it must
 * drop its snapshot);
 * <li>makes membership changes (a user joins and leaves a group, 20) and grant changes (the group's
 * whole access saved with one app's level changed, 10) through {@link GroupManagement} on node A, and
 * times each from its commit until node B gives the answer node A gives, and until node A's call
 * returns, by which time node A answers with it. Node B is first a second {@link AccessEngine} in this
 * process with its own cache, loader and {@link AccessChangeListener} on the same database (asked with
 * {@code level()} every 0.2 ms; its loader counts full loads and times each application of notified
 * parts), then a second Toolyard process on the same database, asked through its API every 2 ms
 * (after 200 requests to warm it up).
 * </ol>
 *
 * <pre>
 * ./mvnw -Pbench -DskipTests package exec:exec -Dbench.main=dev.toolyard.access.SnapshotReloadTime -Dbench.args=""
 * </pre>
 */
public final class SnapshotReloadTime {

    private static final int LOADS = 3;
    private static final int ROUNDS = 10;
    private static final int WARM_UP_REQUESTS = 200;
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SnapshotReloadTime() {
    }

    /** Node B's loader: counts full loads and times every application of notified parts. */
    private static final class TimedLoader extends SnapshotLoader {

        final AtomicInteger loads = new AtomicInteger();
        final List<Long> applyMicros = Collections.synchronizedList(new ArrayList<>());

        TimedLoader(JdbcClient jdbc, ObjectProvider<AccessCatalog> catalogs) {
            super(jdbc, catalogs);
        }

        @Override
        SpaceSnapshot load(SpaceId space) {
            loads.incrementAndGet();
            return super.load(space);
        }

        @Override
        SpaceSnapshot apply(SpaceId space, SpaceSnapshot snapshot, Collection<SnapshotPart> parts) {
            long started = System.nanoTime();
            var applied = super.apply(space, snapshot, parts);
            applyMicros.add((System.nanoTime() - started) / 1_000);
            return applied;
        }
    }

    public static void main(String[] args) throws Exception {
        String stamp = Instant.now().toString().replaceAll("[^0-9]", "").substring(0, 14);
        Path dataDir = Files.createDirectories(Path.of("target", "bench", "snapshot-reload", stamp));
        var context = new SpringApplicationBuilder(ToolyardApplication.class).run("--server.port=0",
                "--toolyard.data-dir=" + dataDir, "--toolyard.admin.email=admin@reload.bench",
                "--toolyard.admin.password=snapshot reload benchmark " + stamp, "--logging.level.root=WARN");
        try {
            var jdbc = context.getBean(JdbcClient.class);
            var space = new SpaceId(jdbc.sql("select id from spaces where is_admin_space").query(UUID.class).single());
            var data = GeneratedSpace.generate(GeneratedSpace.Shape.issue3());
            long started = System.nanoTime();
            write(context.getBean(DataSource.class), jdbc, space, data);
            System.out.printf("Wrote issue 3's space in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            for (String table : new String[] { "permission_groups", "group_memberships", "app_grants", "apps" }) {
                System.out.printf("  %s: %,d rows%n", table,
                        jdbc.sql("select count(*) from " + table).query(Long.class).single());
            }

            var loader = context.getBean(SnapshotLoader.class);
            for (int run = 1; run <= LOADS; run++) {
                long start = System.nanoTime();
                loader.load(space);
                System.out.printf("Load %d: SnapshotLoader.load %d ms%n", run, (System.nanoTime() - start) / 1_000_000);
            }
            propagation(context, jdbc, space, data, dataDir);
        } finally {
            context.close();
        }
    }

    private static void propagation(ConfigurableApplicationContext context, JdbcClient jdbc, SpaceId space,
            GeneratedSpace data, Path dataDir) throws IOException, InterruptedException {
        var nodeA = context.getBean(AccessEngine.class);
        var groups = context.getBean(GroupManagement.class);
        var transactions = context.getBean(TransactionTemplate.class);
        var admin = Caller.session(new UserId(jdbc.sql("select id from users where email = 'admin@reload.bench'")
                .query(UUID.class).single()), "reload benchmark", space, false, true, "127.0.0.1");
        // A custom group without a global level, one of its apps, and a user in neither who has no level there.
        var group = data.groups.get(10).id();
        var app = new AccessObject.App(new AppId(data.groups.get(10).appGrants().keySet().iterator().next()));
        long start = System.nanoTime();
        nodeA.level(space, new UserId(data.users[0]), app);
        System.out.printf("Node A loaded its snapshot in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        UserId user = null;
        for (int u = 0; user == null; u++) {
            var candidate = new UserId(data.users[u]);
            if (nodeA.level(space, candidate, app).isEmpty()) {
                user = candidate;
            }
        }
        var member = user;
        Changes changes = nodeB -> {
            var joined = new ArrayList<Timing>();
            var granted = new ArrayList<Timing>();
            AccessLevel[] levels = { AccessLevel.EDIT, AccessLevel.OWN, AccessLevel.USE };
            for (int round = 0; round < ROUNDS; round++) {
                joined.add(untilNodeB(transactions, () -> groups.addMember(admin, group, member), nodeA, nodeB, space,
                        member, app));
                var level = levels[round % levels.length];
                granted.add(untilNodeB(transactions, () -> saveWithLevel(groups, admin, group, app, level), nodeA,
                        nodeB, space, member, app));
                joined.add(untilNodeB(transactions, () -> groups.removeMember(admin, group, member), nodeA, nodeB,
                        space, member, app));
            }
            print("Membership changes", joined);
            print("Grant changes", granted);
        };

        var loaderB = new TimedLoader(jdbc, context.getBeanProvider(AccessCatalog.class));
        var engineB = new AccessEngine(loaderB, jdbc);
        var listenerB = new AccessChangeListener(context.getBean(DataSource.class), engineB);
        listenerB.start();
        try {
            start = System.nanoTime();
            engineB.level(space, member, app);
            System.out.printf("%nNode B, a second engine in this process: loaded its snapshot in %d ms%n",
                    (System.nanoTime() - start) / 1_000_000);
            changes.make(new NodeB(() -> engineB.level(space, member, app), 200_000));
            System.out.printf("Node B applied notified parts %d times: %s µs%n", loaderB.applyMicros.size(),
                    loaderB.applyMicros);
            System.out.printf("Node B loaded the whole space %d time(s), the first question included%n",
                    loaderB.loads.get());
        } finally {
            listenerB.stop();
        }
        inSecondProcess(context, dataDir, admin, member, app, changes);
    }

    /**
     * The same changes with node B a second Toolyard process on the same database, asked through its
     * API ({@code GET /api/v1/access/explain}, polled every 2 ms), as {@code AccessPropagationTest} does
     * on a small space.
     */
    private static void inSecondProcess(ConfigurableApplicationContext context, Path dataDir, Caller admin,
            UserId member, AccessObject.App app, Changes changes) throws IOException, InterruptedException {
        var pool = (HikariDataSource) context.getBean(DataSource.class);
        String url = pool.getJdbcUrl();
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = dataDir.resolve("node-b.log");
        var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), ToolyardApplication.class.getName(),
                "--toolyard.db.url=" + url, "--server.port=" + port, "--toolyard.data-dir=" + dataDir.resolve("node-b"),
                "--logging.level.root=WARN").redirectErrorStream(true).redirectOutput(log.toFile());
        // The embedded server asks for its superuser's password; an environment variable keeps it off the command line.
        builder.environment().put("TOOLYARD_DB_USER", pool.getUsername());
        builder.environment().put("TOOLYARD_DB_PASSWORD", pool.getPassword() == null ? "" : pool.getPassword());
        var process = builder.start();
        try {
            var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            awaitReady(http, process, port, log);
            String token = context.getBean(ApiTokenManagement.class).create(admin, "reload benchmark",
                    Set.of(ApiScope.GROUPS_READ), Instant.now().plus(Duration.ofHours(1))).secret();
            var explain = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/access/explain?user="
                    + member + "&app=" + app.id())).header("Authorization", "Bearer " + token).build();
            long start = System.nanoTime();
            effective(http, explain);
            System.out.printf("%nNode B, a second process: loaded its snapshot on its first question, answered in %d ms%n",
                    (System.nanoTime() - start) / 1_000_000);
            // A running server has answered many requests; the first ones after a start run interpreted.
            var warm = new ArrayList<Long>();
            for (int i = 0; i < WARM_UP_REQUESTS; i++) {
                start = System.nanoTime();
                effective(http, explain);
                warm.add((System.nanoTime() - start) / 1_000);
            }
            System.out.printf("Node B's explanation over HTTP, µs per request, the last 20 of %d: %s%n", WARM_UP_REQUESTS,
                    warm.subList(warm.size() - 20, warm.size()));
            changes.make(new NodeB(() -> effective(http, explain), 2_000_000));
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The benchmark's changes, each timed until the given node B answers with it. */
    private interface Changes {
        void make(NodeB nodeB);
    }

    /** How node B is asked for the user's level on the app, and how long to wait between questions. */
    private record NodeB(Supplier<Optional<AccessLevel>> answer, long pollNanos) {
    }

    private static void awaitReady(HttpClient http, Process process, int port, Path log)
            throws IOException, InterruptedException {
        var readiness = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness")).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Node B stopped; see " + log);
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Still starting.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Node B did not start within 3 minutes; see " + log);
    }

    /** The effective level in node B's explanation. */
    private static Optional<AccessLevel> effective(HttpClient http, HttpRequest explain) {
        try {
            var response = http.send(explain, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Node B answered " + response.statusCode() + ": " + response.body());
            }
            var effective = JSON.readTree(response.body()).get("effective");
            return effective == null || effective.isNull() ? Optional.empty()
                    : Optional.of(AccessLevel.valueOf(effective.asString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void print(String changes, List<Timing> timings) {
        System.out.printf("%s (%d), ms from the commit until node B answered with it: %s%n", changes, timings.size(),
                timings.stream().map(Timing::nodeBMillis).toList());
        System.out.printf("  until node A (the committing node) answered with it: %s%n",
                timings.stream().map(Timing::nodeAMillis).toList());
        System.out.printf("  the change's transaction until its commit: %s%n",
                timings.stream().map(Timing::committedMillis).toList());
    }

    /** The group's whole access saved again, as the access editor does, with one app's level changed. */
    private static void saveWithLevel(GroupManagement groups, Caller admin, GroupId group, AccessObject.App app,
            AccessLevel level) {
        var access = groups.access(admin, group);
        var apps = new HashMap<>(access.apps());
        apps.put(app.id().value(), level);
        groups.saveAccess(admin, group, new AccessChange(new GroupAccess(access.globalApps(), access.folders(), apps,
                access.globalResources(), access.resourceFolders(), access.resources(), access.additional()), Set.of(),
                Set.of()));
    }

    /** One change: when it committed, when node A and node B first answered with it. */
    private record Timing(long committedMillis, long nodeAMillis, long nodeBMillis) {
    }

    /**
     * Runs the change in a transaction whose first synchronisation notes the instant of the commit,
     * before node A's own update; then times node A's answer (the call's return: node A applies its
     * change before that) and node B's, both from the commit.
     */
    private static Timing untilNodeB(TransactionTemplate transactions, Runnable change, AccessEngine nodeA,
            NodeB nodeB, SpaceId space, UserId user, AccessObject.App app) {
        long start = System.nanoTime();
        long[] committed = new long[1];
        transactions.executeWithoutResult(status -> {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    committed[0] = System.nanoTime();
                }
            });
            change.run();
        });
        long answeredOnA = System.nanoTime();
        var expected = nodeA.level(space, user, app);
        long deadline = committed[0] + PATIENCE.toNanos();
        while (!nodeB.answer().get().equals(expected)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Node B did not answer " + expected + " within " + PATIENCE);
            }
            LockSupport.parkNanos(nodeB.pollNanos());
        }
        long answeredOnB = System.nanoTime();
        return new Timing((committed[0] - start) / 1_000_000, (answeredOnA - committed[0]) / 1_000_000,
                (answeredOnB - committed[0]) / 1_000_000);
    }

    /** The generated rows, with the generated built-in groups mapped onto the space's own four. */
    private static void write(DataSource dataSource, JdbcClient jdbc, SpaceId space, GeneratedSpace data)
            throws SQLException, IOException {
        var builtIn = new HashMap<BuiltInGroup, UUID>();
        jdbc.sql("select id, built_in from permission_groups where space_id = ? and built_in is not null")
                .param(space.value())
                .query(rs -> {
                    builtIn.put(BuiltInGroup.valueOf(rs.getString("built_in")), rs.getObject("id", UUID.class));
                });
        var groupIds = new ArrayList<UUID>();
        for (var group : data.groups) {
            groupIds.add(group.builtIn() == null ? group.id().value() : builtIn.get(group.builtIn()));
        }
        String now = Instant.now().toString();
        try (var connection = dataSource.getConnection()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("copy users (id, email, created_at) from stdin (format csv)", csv(out -> {
                for (int u = 0; u < data.users.length; u++) {
                    out.accept(data.users[u] + ",user" + u + "@reload.bench," + now);
                }
            }));
            copy.copyIn("copy space_memberships (space_id, user_id, state, created_at) from stdin (format csv)",
                    csv(out -> {
                        for (UUID user : data.users) {
                            out.accept(space + "," + user + ",ENABLED," + now);
                        }
                    }));
            copy.copyIn("copy folders (id, space_id, name, created_at) from stdin (format csv)", csv(out -> {
                for (int f = 0; f < data.folders.length; f++) {
                    out.accept(data.folders[f] + "," + space + ",Folder " + f + "," + now);
                }
            }));
            copy.copyIn("copy apps (id, space_id, folder_id, name, created_at) from stdin (format csv)", csv(out -> {
                int a = 0;
                for (Map.Entry<UUID, UUID> placed : data.appFolders.entrySet()) {
                    out.accept(placed.getKey() + "," + space + "," + placed.getValue() + ",App " + a++ + "," + now);
                }
            }));
            copy.copyIn("copy permission_groups (id, space_id, name, created_at, global_app_level) from stdin "
                    + "(format csv)", csv(out -> {
                        for (var group : data.groups) {
                            if (group.builtIn() == null) {
                                out.accept(group.id() + "," + space + "," + group.name() + "," + now + ","
                                        + (group.globalApps() == null ? "" : group.globalApps().name()));
                            }
                        }
                    }));
            copy.copyIn("copy group_memberships (group_id, user_id, created_at) from stdin (format csv)",
                    csv(out -> {
                        for (int u = 0; u < data.users.length; u++) {
                            for (int group : data.groupsOfUser[u]) {
                                out.accept(groupIds.get(group) + "," + data.users[u] + "," + now);
                            }
                        }
                    }));
            copy.copyIn("copy app_grants (group_id, target_kind, target_id, level) from stdin (format csv)",
                    csv(out -> {
                        for (int g = 0; g < data.groups.size(); g++) {
                            var group = data.groups.get(g);
                            for (var grant : group.folderGrants().entrySet()) {
                                out.accept(groupIds.get(g) + ",FOLDER," + grant.getKey() + "," + grant.getValue());
                            }
                            for (var grant : group.appGrants().entrySet()) {
                                out.accept(groupIds.get(g) + ",APP," + grant.getKey() + "," + grant.getValue());
                            }
                        }
                    }));
        }
        jdbc.sql("analyze").update();
    }

    private static StringReader csv(Consumer<Consumer<String>> lines) {
        var text = new StringBuilder();
        lines.accept(line -> text.append(line).append('\n'));
        return new StringReader(text.toString());
    }
}
