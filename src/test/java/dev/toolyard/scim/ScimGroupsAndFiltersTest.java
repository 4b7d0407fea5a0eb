package dev.toolyard.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.SortOrder;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;

import dev.toolyard.testing.AccessJson;
import dev.toolyard.testing.Admin;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;

/** T-ID5: SCIM Groups and group push (the access engine follows), filters and pagination. */
@ToolyardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScimGroupsAndFiltersTest {

    @LocalServerPort
    int port;

    private TestSpace space;
    private ScimService scim;
    /** A family name only this run's filter users carry, so filters see just them. */
    private final String tribe = "Tribe" + UUID.randomUUID().toString().substring(0, 8);
    private final List<UserResource> people = new ArrayList<>();
    private Instant beforeLast;

    @BeforeAll
    void people() throws Exception {
        space = TestSpaces.create(port, "SCIM groups");
        scim = ScimClients.scim(port, Admin.token(space.console(), "scim"));
        people.add(create("alice", "Alice", tribe, "work", true, "A-1"));
        people.add(create("bob", "Bob", tribe, "home", true, "B-2"));
        people.add(create("carol", "Carol", tribe, "work", false, "C-3"));
        people.add(create("dave", "Dave", tribe, "work", true, null));
        // The server's times, not this JVM's: tests of the same context may have moved its clock forward.
        // The client reads milliseconds, the server keeps microseconds: one more millisecond is after Dave.
        beforeLast = people.get(3).getMeta().getLastModified().toInstant().plusMillis(1);
        Thread.sleep(20);
        people.add(create("erin", "Erin", tribe, "other", true, "E-5"));
    }

    private UserResource create(String prefix, String given, String family, String emailType, boolean active,
            String externalId) throws ScimException {
        String email = TestSpaces.email(prefix);
        var user = new UserResource().setUserName(email).setName(new Name().setGivenName(given).setFamilyName(family))
                .setEmails(List.of(new Email().setValue(email).setType(emailType))).setActive(active);
        user.setExternalId(externalId);
        return scim.create("Users", user);
    }

    private List<String> givenNames(String filter) throws ScimException {
        var found = scim.searchRequest("Users").filter("name.familyName eq \"" + tribe + "\" and (" + filter + ")")
                .sort("name.givenName", SortOrder.ASCENDING).invoke(UserResource.class);
        return found.getResources().stream().map(user -> user.getName().getGivenName()).toList();
    }

    @Test
    void everyFilterOperatorSelectsTheRightUsers() throws ScimException {
        assertThat(givenNames("name.givenName eq \"alice\"")).containsExactly("Alice");
        assertThat(givenNames("name.givenName ne \"Alice\"")).containsExactly("Bob", "Carol", "Dave", "Erin");
        assertThat(givenNames("name.givenName co \"AR\"")).containsExactly("Carol");
        assertThat(givenNames("userName sw \"bob-\"")).containsExactly("Bob");
        assertThat(givenNames("userName ew \"@EXAMPLE.COM\"")).hasSize(5);
        assertThat(givenNames("externalId pr")).containsExactly("Alice", "Bob", "Carol", "Erin");
        assertThat(givenNames("name.givenName gt \"Carol\"")).containsExactly("Dave", "Erin");
        assertThat(givenNames("name.givenName ge \"Carol\"")).containsExactly("Carol", "Dave", "Erin");
        assertThat(givenNames("name.givenName lt \"Carol\"")).containsExactly("Alice", "Bob");
        assertThat(givenNames("name.givenName le \"Carol\"")).containsExactly("Alice", "Bob", "Carol");
        assertThat(givenNames("meta.lastModified gt \"" + beforeLast + "\"")).containsExactly("Erin");
        assertThat(givenNames("meta.created le \"" + beforeLast + "\"")).containsExactly("Alice", "Bob", "Carol", "Dave");
        assertThat(givenNames("active eq false")).containsExactly("Carol");
        assertThat(givenNames("externalId eq \"B-2\"")).containsExactly("Bob");
        assertThat(givenNames("externalId eq \"b-2\"")).as("externalId is caseExact").isEmpty();
        assertThat(givenNames("emails.value eq \"" + people.get(3).getUserName().toUpperCase() + "\"")).containsExactly("Dave");
        assertThat(givenNames("emails[type eq \"work\" and value co \"carol\"]")).containsExactly("Carol");
        assertThat(givenNames("emails.type eq \"home\" or name.givenName eq \"Erin\"")).containsExactly("Bob", "Erin");
        assertThat(givenNames("not (emails.type eq \"work\")")).containsExactly("Bob", "Erin");
        assertThat(givenNames("(name.givenName eq \"Alice\" or name.givenName eq \"Bob\") and active eq true"))
                .containsExactly("Alice", "Bob");
        assertThat(givenNames("id eq \"" + people.get(4).getId() + "\"")).containsExactly("Erin");
    }

    @Test
    void pagesWalkEveryMatchOnceWithTheTotal() throws ScimException {
        var seen = new ArrayList<String>();
        for (int start = 1; start <= 5; start += 2) {
            var page = scim.searchRequest("Users").filter("name.familyName eq \"" + tribe + "\"")
                    .sort("userName", SortOrder.DESCENDING).page(start, 2).invoke(UserResource.class);
            assertThat(page.getTotalResults()).isEqualTo(5);
            assertThat(page.getStartIndex()).isEqualTo(start);
            assertThat(page.getItemsPerPage()).isEqualTo(start == 5 ? 1 : 2);
            page.getResources().forEach(user -> seen.add(user.getUserName()));
        }
        assertThat(seen).doesNotHaveDuplicates().hasSize(5)
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        var countOnly = scim.searchRequest("Users").filter("name.familyName eq \"" + tribe + "\"").page(1, 0)
                .invoke(UserResource.class);
        assertThat(countOnly.getTotalResults()).isEqualTo(5);
        assertThat(countOnly.getResources()).isEmpty();
    }

    @Test
    void badFiltersAreInvalidFilter() {
        for (String filter : List.of("userName eq", "userName xx \"a\"", "(userName eq \"a\"", "nickName eq \"a\"",
                "active gt true", "meta.created gt \"yesterday\"", "userName eq \"a\" and")) {
            assertThatThrownBy(() -> scim.searchRequest("Users").filter(filter).invoke(UserResource.class))
                    .as(filter)
                    .isInstanceOfSatisfying(BadRequestException.class,
                            e -> assertThat(e.getScimError().getScimType()).isEqualTo("invalidFilter"));
        }
    }

    @Test
    void aGroupIsCreatedPushedRenamedAndDeletedAndAccessFollows() throws ScimException {
        String app = space.app("Payroll", null);
        var alice = people.get(0);
        var bob = people.get(1);
        var group = scim.create("Groups", new GroupResource().setDisplayName("Payroll " + tribe)
                .setMembers(List.of(new Member().setValue(alice.getId()))));
        assertThat(group.getMembers()).extracting(Member::getValue).containsExactly(alice.getId());
        space.saveAccess(group.getId(), AccessJson.access().app(app, "USE").json());
        assertThat(space.level(alice.getId(), "app", app)).isEqualTo("USE");
        assertThat(space.level(bob.getId(), "app", app)).isNull();

        var pushed = scim.modifyRequest("Groups", group.getId())
                .addValues("members", new Member().setValue(bob.getId()))
                .removeValues("members[value eq \"" + alice.getId() + "\"]")
                .invoke(GroupResource.class);
        assertThat(pushed.getMembers()).extracting(Member::getValue).containsExactly(bob.getId());
        assertThat(space.level(bob.getId(), "app", app)).isEqualTo("USE");
        assertThat(space.level(alice.getId(), "app", app)).isNull();
        assertThat(scim.retrieve("Users", bob.getId(), UserResource.class).getGroups())
                .extracting(reference -> reference.getValue()).containsExactly(group.getId());
        assertThat(scim.searchRequest("Groups").filter("members.value eq \"" + bob.getId() + "\"")
                .invoke(GroupResource.class).getResources()).extracting(GroupResource::getId)
                .containsExactly(group.getId());
        assertThat(givenNames("groups.value eq \"" + group.getId() + "\"")).containsExactly("Bob");

        pushed.setDisplayName("Payroll EU " + tribe);
        pushed.setMembers(List.of(new Member().setValue(alice.getId()), new Member().setValue(bob.getId())));
        var replaced = scim.replaceRequest(pushed).ifMatch().invoke();
        assertThat(replaced.getDisplayName()).isEqualTo("Payroll EU " + tribe);
        assertThat(replaced.getMembers()).hasSize(2);
        assertThat(space.api().get("/api/v1/groups/" + group.getId()).json().get("name").asString())
                .isEqualTo("Payroll EU " + tribe);
        assertThat(scim.searchRequest("Groups").filter("displayName eq \"payroll eu " + tribe.toLowerCase() + "\"")
                .invoke(GroupResource.class).getTotalResults()).isEqualTo(1);

        var emptied = scim.modifyRequest("Groups", group.getId()).removeValues("members").invoke(GroupResource.class);
        assertThat(emptied.getMembers()).isNullOrEmpty();
        assertThat(space.level(bob.getId(), "app", app)).isNull();

        scim.delete("Groups", group.getId());
        assertThatThrownBy(() -> scim.retrieve("Groups", group.getId(), GroupResource.class))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(space.api().get("/api/v1/groups/" + group.getId()).status()).isEqualTo(404);
    }

    @Test
    void builtInGroupsAreNotScimGroupsAndNamesAreUnique() throws ScimException {
        assertThatThrownBy(() -> scim.create("Groups", new GroupResource().setDisplayName("Admin")))
                .isInstanceOfSatisfying(ResourceConflictException.class,
                        e -> assertThat(e.getScimError().getScimType()).isEqualTo("uniqueness"));
        var first = scim.create("Groups", new GroupResource().setDisplayName("Twice " + tribe));
        assertThatThrownBy(() -> scim.create("Groups", new GroupResource().setDisplayName("TWICE " + tribe)))
                .isInstanceOfSatisfying(ResourceConflictException.class,
                        e -> assertThat(e.getScimError().getDetail()).contains(first.getId()));
        assertThat(scim.searchRequest("Groups").filter("displayName eq \"Admin\"").invoke(GroupResource.class)
                .getTotalResults()).isZero();
        var builtIn = space.builtInGroup("ADMIN");
        assertThatThrownBy(() -> scim.retrieve("Groups", builtIn, GroupResource.class))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aGroupOfTheConsoleIsTakenOverAndAMemberOfAnotherSpaceIsRefused() throws ScimException {
        String existing = space.group("Console");
        String name = space.api().get("/api/v1/groups/" + existing).json().get("name").asString();
        var taken = scim.create("Groups", new GroupResource().setDisplayName(name));
        assertThat(taken.getId()).isEqualTo(existing);

        var other = TestSpaces.create(port, "SCIM groups other");
        String stranger = other.invite("stranger");
        assertThatThrownBy(() -> scim.modifyRequest("Groups", taken.getId())
                .addValues("members", new Member().setValue(stranger)).invoke(GroupResource.class))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.getScimError().getScimType()).isEqualTo("invalidValue"));
        var otherScim = ScimClients.scim(port, Admin.token(other.console(), "scim"));
        assertThatThrownBy(() -> otherScim.retrieve("Groups", taken.getId(), GroupResource.class))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void membersAreLeftOutWhenExcluded() throws ScimException {
        var group = scim.create("Groups", new GroupResource().setDisplayName("Big " + tribe)
                .setMembers(List.of(new Member().setValue(people.get(0).getId()))));
        var lean = scim.retrieveRequest("Groups", group.getId()).excludedAttributes("members")
                .invoke(GroupResource.class);
        assertThat(lean.getMembers()).isNull();
        assertThat(lean.getDisplayName()).isEqualTo("Big " + tribe);
        var onlyName = scim.searchRequest("Users").filter("id eq \"" + people.get(0).getId() + "\"")
                .attributes("userName").invoke(UserResource.class).getResources().get(0);
        assertThat(onlyName.getUserName()).isEqualTo(people.get(0).getUserName());
        assertThat(onlyName.getName()).isNull();
    }
}
