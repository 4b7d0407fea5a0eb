package dev.toolyard.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.toolyard.shared.AppId;

/** The snapshot's own index of users' groups, which the app level and every other answer read. */
class SpaceSnapshotTest {

    private static final GeneratedSpace.Shape SHAPE = new GeneratedSpace.Shape(20_000, 60, 30, 5, 5, 300, 1, 0, 2, 5L);

    @Test
    void everyUsersGroupsAreFoundAmongTwentyThousandUsers() {
        var data = GeneratedSpace.generate(SHAPE);
        var snapshot = data.snapshot();
        for (int u = 0; u < data.users.length; u++) {
            var expected = Arrays.stream(data.groupsOfUser[u]).mapToObj(index -> data.groups.get(index).id())
                    .collect(Collectors.toSet());
            expected.add(data.groups.get(GeneratedSpace.ALL_USERS).id());
            assertThat(snapshot.groupsOf(data.users[u])).as("groups of user " + u).isEqualTo(expected);
        }
    }

    @Test
    void someoneInNoGroupHasWhatAllUsersHave() {
        var data = GeneratedSpace.generate(SHAPE);
        var snapshot = data.snapshot();
        var stranger = UUID.randomUUID();
        var allUsers = data.groups.get(GeneratedSpace.ALL_USERS);
        for (int a = 0; a < data.apps.length; a++) {
            var app = new AccessObject.App(new AppId(data.apps[a]));
            assertThat(snapshot.level(stranger, app).orElse(null)).as("app " + a)
                    .isEqualTo(allUsers.appGrants().get(data.apps[a]));
        }
        assertThat(snapshot.groupsOf(stranger)).containsExactly(allUsers.id());
    }
}
