package dev.toolyard.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.toolyard.shared.AppId;
import dev.toolyard.shared.UserId;

/**
 * Issue 3: the engine and jCasbin (RBAC with domains over the same rows, {@link GeneratedSpace#casbin})
 * decide alike. The space is much smaller than the benchmark's because jCasbin evaluates its matcher
 * against every policy on every check (about 20 µs a check plus 0.3 µs a policy here): with these rows,
 * about 300 policies, the 100,000 checks take about ten seconds; with the benchmark's 370,000 policies
 * they would take days.
 */
class CasbinEquivalenceTest {

    /** 2,000 users in 3 of 30 groups, 16 apps in 4 folders, 150 grants, one global group, 3 members per built-in group. */
    private static final GeneratedSpace.Shape SHAPE = new GeneratedSpace.Shape(2_000, 30, 16, 4, 3, 150, 1, 1, 3, 7L);
    private static final int CHECKS = 100_000;

    @Test
    void engineAndJcasbinGiveTheSameAnswerOnOneHundredThousandRandomChecks() {
        var data = GeneratedSpace.generate(SHAPE);
        var engine = data.engine();
        var casbin = data.casbin(GeneratedSpace.EQUALITIES_FIRST_MATCHER);
        System.out.printf("jCasbin: %d policies, %d role links%n", casbin.getPolicy().size(),
                casbin.getGroupingPolicy().size());
        long started = System.nanoTime();
        String domain = data.space.toString();
        var random = new Random(11);
        var mismatches = new ArrayList<String>();
        var allowedAt = new int[AccessLevel.values().length];
        for (int i = 0; i < CHECKS; i++) {
            int user = random.nextInt(data.users.length);
            int app = random.nextInt(data.apps.length);
            var level = AccessLevel.values()[random.nextInt(AccessLevel.values().length)];
            boolean byEngine = engine.canDo(data.space, new UserId(data.users[user]), Action.valueOf(level.name()),
                    new AccessObject.App(new AppId(data.apps[app])));
            boolean byCasbin = casbin.enforce(data.userNames[user], domain, data.appNames[app], level.name());
            if (byEngine != byCasbin && mismatches.size() < 20) {
                mismatches.add("user " + data.users[user] + ", app " + data.apps[app] + ", " + level + ": engine "
                        + byEngine + ", jCasbin " + byCasbin);
            }
            allowedAt[level.ordinal()] += byEngine ? 1 : 0;
        }

        System.out.printf("%,d checks in %d ms; allowed at Use, Edit, Own: %d, %d, %d%n", CHECKS,
                (System.nanoTime() - started) / 1_000_000, allowedAt[0], allowedAt[1], allowedAt[2]);
        assertThat(mismatches).isEmpty();
        // Both answers occur at every level, so agreement is not agreement on "always no".
        for (var level : AccessLevel.values()) {
            assertThat(allowedAt[level.ordinal()]).as("checks allowed at " + level)
                    .isBetween(CHECKS / 3 / 20, CHECKS / 3 - CHECKS / 3 / 20);
        }
    }

    @Test
    void builtInGroupsGlobalGrantsAndAllUsersAreInTheComparedData() {
        var data = GeneratedSpace.generate(SHAPE);
        var snapshot = data.snapshot();
        int inBuiltIn = 0;
        for (int[] groups : data.groupsOfUser) {
            for (int group : groups) {
                inBuiltIn += group == GeneratedSpace.VIEWER || group == GeneratedSpace.EDITOR
                        || group == GeneratedSpace.ADMIN ? 1 : 0;
            }
        }
        assertThat(inBuiltIn).isPositive();
        assertThat(data.groups.stream().filter(group -> group.builtIn() == null && group.globalApps() != null)).isNotEmpty();
        assertThat(data.groups.get(GeneratedSpace.ALL_USERS).appGrants()).isNotEmpty();
        assertThat(data.groups.stream().mapToInt(group -> group.folderGrants().size()).sum()).isPositive();
        assertThat(snapshot.visibleApps(data.users[0], null)).isNotEmpty();
    }
}
