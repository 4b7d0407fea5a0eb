package dev.toolyard.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.toolyard.apps.AppManagement;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;
import dev.toolyard.testing.ToolyardTest;

/**
 * Issue 3, T-D3: a change committed on one node reaches another node's snapshot as the parts it
 * touched, which that node reads again; it never loads the whole space, which takes seconds at issue 3's
 * size. Node A is the test's server, node B a second engine with its own cache, loader and listener on
 * the same database (the two-process version is {@link AccessPropagationTest}). Node B's loader counts
 * its full loads.
 */
@ToolyardTest
class AccessChangeNotificationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Autowired
    ApplicationContext context;

    @Autowired
    AccessEngine engine;

    @Autowired
    GroupManagement groups;

    @Autowired
    PermissionGroups permissionGroups;

    @Autowired
    AppManagement apps;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    private final AtomicInteger loads = new AtomicInteger();
    private AccessEngine nodeB;
    private AccessChangeListener listenerB;
    private SpaceId space;
    private Caller admin;
    private UserId user;

    @BeforeEach
    void startNodeBAndMakeASpace() {
        var loader = new SnapshotLoader(jdbc, context.getBeanProvider(AccessCatalog.class)) {
            @Override
            SpaceSnapshot load(SpaceId space) {
                loads.incrementAndGet();
                return super.load(space);
            }
        };
        nodeB = new AccessEngine(loader, jdbc);
        listenerB = new AccessChangeListener(context.getBean(DataSource.class), nodeB);
        listenerB.start();

        space = SpaceId.random();
        var now = Instant.now().atOffset(ZoneOffset.UTC);
        jdbc.sql("insert into spaces (id, name, is_admin_space, created_at, updated_at) values (?, ?, false, ?, ?)")
                .params(space.value(), "Notified " + space, now, now).update();
        permissionGroups.provisionBuiltInGroups(space);
        var adminId = user();
        permissionGroups.addMember(space, BuiltInGroup.ADMIN, adminId);
        admin = Caller.session(adminId, "notification test", space, false, true, "127.0.0.1");
        user = user();
    }

    @AfterEach
    void stopNodeB() {
        listenerB.stop();
    }

    @Test
    void membershipAndGrantChangesReachAnotherNodeWithoutItLoadingTheSpaceAgain() {
        var app = new AccessObject.App(apps.createApp(admin, "Notified app", null).id());
        var group = groups.create(admin, "Notified group");
        assertThat(nodeB.level(space, user, app)).isEmpty();
        assertThat(loads).hasValue(1);

        groups.addMember(admin, group.id(), user);
        groups.saveAccess(admin, group.id(), grant(app.id(), AccessLevel.EDIT));
        awaitOnNodeB(() -> nodeB.level(space, user, app), Optional.of(AccessLevel.EDIT));

        groups.saveAccess(admin, group.id(), grant(app.id(), AccessLevel.OWN));
        awaitOnNodeB(() -> nodeB.level(space, user, app), Optional.of(AccessLevel.OWN));

        groups.removeMember(admin, group.id(), user);
        awaitOnNodeB(() -> nodeB.level(space, user, app), Optional.empty());

        assertThat(loads).as("full loads of the space on node B").hasValue(1);
        assertThat(nodeB.snapshot(space).contents()).isEqualTo(engine.snapshot(space).contents());
    }

    @Test
    void newGroupsFoldersAndAppsAndDeletedGroupsReachAnotherNodeWithoutItLoadingTheSpaceAgain() {
        assertThat(nodeB.visibleApps(space, user, null)).isEmpty();
        var group = groups.create(admin, "Folder people");
        groups.addMember(admin, group.id(), user);
        var folder = apps.createFolder(admin, "Notified folder");
        groups.saveAccess(admin, group.id(), new AccessChange(new GroupAccess(null, Map.of(folder.id().value(),
                AccessLevel.USE), Map.of(), null, Map.of(), Map.of(), Set.of()), Set.of(), Set.of()));
        awaitOnNodeB(() -> nodeB.level(space, user, new AccessObject.Folder(folder.id())), Optional.of(AccessLevel.USE));

        // T-A3: an app made in the folder takes the folder's level as its own grant.
        var app = apps.createApp(admin, "Placed app", folder.id());
        awaitOnNodeB(() -> nodeB.visibleApps(space, user, folder.id()), List.of(app.id()));

        groups.delete(admin, group.id());
        awaitOnNodeB(() -> nodeB.visibleApps(space, user, null), List.of());

        assertThat(loads).as("full loads of the space on node B").hasValue(1);
        assertThat(nodeB.snapshot(space).contents()).isEqualTo(engine.snapshot(space).contents());
    }

    @Test
    void aChangeRolledBackReachesNoNode() {
        var app = new AccessObject.App(apps.createApp(admin, "Rolled back app", null).id());
        var rolledBack = groups.create(admin, "Rolled back");
        var kept = groups.create(admin, "Kept");
        groups.saveAccess(admin, rolledBack.id(), grant(app.id(), AccessLevel.OWN));
        groups.saveAccess(admin, kept.id(), grant(app.id(), AccessLevel.USE));
        assertThat(nodeB.level(space, user, app)).isEmpty();

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            groups.addMember(admin, rolledBack.id(), user);
            assertThat(engine.level(space, user, app)).as("inside the transaction").contains(AccessLevel.OWN);
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");
        groups.addMember(admin, kept.id(), user);

        awaitOnNodeB(() -> nodeB.level(space, user, app), Optional.of(AccessLevel.USE));
        assertThat(engine.level(space, user, app)).contains(AccessLevel.USE);
    }

    @Test
    void aNotificationNamingNoPartsMakesTheNodeLoadTheSpaceAgain() {
        var app = new AccessObject.App(apps.createApp(admin, "Bare notice", null).id());
        assertThat(nodeB.level(space, user, app)).isEmpty();
        assertThat(loads).hasValue(1);

        nodeB.notified(space.toString());
        assertThat(nodeB.level(space, user, app)).isEmpty();

        assertThat(loads).hasValue(2);
    }

    @Test
    void aChangeNamingMorePartsThanOneNotificationHoldsReachesAnotherNodeWhole() {
        assertThat(nodeB.snapshot(space).contents().groups()).hasSize(4);
        var parts = new ArrayList<SnapshotPart>();
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < 300; i++) {
                var id = GroupId.random();
                jdbc.sql("insert into permission_groups (id, space_id, name, created_at) values (?, ?, ?, now())")
                        .params(id.value(), space.value(), "Bulk " + i).update();
                parts.add(SnapshotPart.group(id));
            }
            // About 12,000 bytes of parts: more than one NOTIFY payload may carry.
            engine.changed(space, parts);
        });

        awaitOnNodeB(() -> nodeB.snapshot(space).contents().groups().size(), 304);
        assertThat(loads).hasValue(1);
    }

    @Test
    void questionsArrivingTogetherShareOneLoad() throws Exception {
        var app = new AccessObject.App(apps.createApp(admin, "Asked at once", null).id());
        var pool = Executors.newFixedThreadPool(8);
        try {
            var answers = new ArrayList<Future<Optional<AccessLevel>>>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> nodeB.level(space, admin.userId(), app)));
            }
            for (var answer : answers) {
                assertThat(answer.get(1, TimeUnit.MINUTES)).contains(AccessLevel.OWN);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(loads).hasValue(1);
    }

    private static AccessChange grant(AppId app, AccessLevel level) {
        return new AccessChange(new GroupAccess(null, Map.of(), Map.of(app.value(), level), null, Map.of(), Map.of(),
                Set.of()), Set.of(), Set.of());
    }

    private static <T> void awaitOnNodeB(Supplier<T> answer, T expected) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T seen = answer.get();
        while (!expected.equals(seen) && System.nanoTime() < deadline) {
            sleep();
            seen = answer.get();
        }
        assertThat(seen).as("node B's answer").isEqualTo(expected);
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private UserId user() {
        var id = UserId.random();
        var now = Instant.now().atOffset(ZoneOffset.UTC);
        jdbc.sql("insert into users (id, email, created_at) values (?, ?, ?)")
                .params(id.value(), id + "@notified.example", now).update();
        jdbc.sql("insert into space_memberships (space_id, user_id, state, created_at) values (?, ?, 'ENABLED', ?)")
                .params(space.value(), id.value(), now).update();
        return id;
    }
}
