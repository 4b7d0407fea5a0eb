package dev.toolyard.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ForbiddenException;
import com.unboundid.scim2.common.exceptions.PreconditionFailedException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.EnterpriseUserExtension;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;

import dev.toolyard.testing.Admin;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;

/** T-ID5, T-U1, T-U4, T-U7, T-AU1: SCIM Users, driven by UnboundID's SCIM 2 client. */
@ToolyardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScimUsersTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private TestSpace space;
    private String token;
    private ScimService scim;

    @BeforeAll
    void provisioningToken() {
        space = TestSpaces.create(port, "SCIM users");
        token = Admin.token(space.console(), "scim");
        scim = ScimClients.scim(port, token);
    }

    private static UserResource user(String email, String given, String family) {
        var user = new UserResource().setUserName(email).setName(new Name().setGivenName(given).setFamilyName(family))
                .setEmails(List.of(new Email().setValue(email).setType("work").setPrimary(true))).setActive(true);
        user.setExternalId("ext-" + email);
        return user;
    }

    @Test
    void aUserIsCreatedReadReplacedPatchedDeactivatedAndDeleted() throws ScimException {
        String email = TestSpaces.email("ada");
        var created = scim.create("Users", user(email, "Ada", "Lovelace"));
        assertThat(created.getId()).isNotBlank();
        assertThat(created.getUserName()).isEqualTo(email);
        assertThat(created.getName().getFormatted()).isEqualTo("Ada Lovelace");
        assertThat(created.getActive()).isTrue();
        assertThat(created.getMeta().getResourceType()).isEqualTo("User");
        assertThat(created.getMeta().getVersion()).isEqualTo("W/\"1\"");
        assertThat(created.getMeta().getLocation().toString()).endsWith("/scim/v2/Users/" + created.getId());

        var read = scim.retrieve("Users", created.getId(), UserResource.class);
        assertThat(read.getExternalId()).isEqualTo("ext-" + email);
        var people = space.api().get("/api/v1/users/" + created.getId()).json();
        assertThat(people.get("user").get("state").asString()).isEqualTo("enabled");
        assertThat(people.get("managedBy").asString()).isEqualTo("SCIM");

        read.setName(new Name().setGivenName("Augusta Ada").setFamilyName("King"));
        read.setDisplayName("Countess of Lovelace");
        var replaced = scim.replaceRequest(read).ifMatch().invoke();
        assertThat(replaced.getName().getGivenName()).isEqualTo("Augusta Ada");
        assertThat(replaced.getDisplayName()).isEqualTo("Countess of Lovelace");
        assertThat(replaced.getMeta().getVersion()).isEqualTo("W/\"2\"");
        assertThat(space.api().get("/api/v1/users/" + created.getId()).json().get("user").get("lastName").asString())
                .isEqualTo("King");

        var patched = scim.modifyRequest("Users", created.getId())
                .replaceValue("name.familyName", "Lovelace")
                .addValues("emails", new Email().setValue("ada@home.example").setType("home"))
                .invoke(UserResource.class);
        assertThat(patched.getName().getFamilyName()).isEqualTo("Lovelace");
        assertThat(patched.getEmails()).extracting(Email::getType).containsExactly("work", "home");

        var deactivated = scim.modifyRequest("Users", created.getId()).replaceValue("active", false)
                .invoke(UserResource.class);
        assertThat(deactivated.getActive()).isFalse();
        assertThat(space.api().get("/api/v1/users/" + created.getId()).json().get("user").get("state").asString())
                .isEqualTo("disabled");

        var reactivated = scim.modifyRequest("Users", created.getId()).replaceValue("active", true)
                .invoke(UserResource.class);
        assertThat(reactivated.getActive()).isTrue();

        scim.delete("Users", created.getId());
        assertThatThrownBy(() -> scim.retrieve("Users", created.getId(), UserResource.class))
                .isInstanceOf(ResourceNotFoundException.class);
        var afterDelete = space.api().get("/api/v1/users/" + created.getId()).json();
        assertThat(afterDelete.get("user").get("state").asString()).isEqualTo("disabled");
        assertThat(afterDelete.get("managedBy").isNull()).isTrue();
    }

    @Test
    void patchPathsWithValueFiltersAndWithoutPaths() throws Exception {
        var created = scim.create("Users", user(TestSpaces.email("grace"), "Grace", "Hopper"));

        var onWork = scim.modifyRequest("Users", created.getId())
                .replaceValue("emails[type eq \"work\"].display", "Work mail")
                .invoke(UserResource.class);
        assertThat(onWork.getEmails().get(0).getDisplay()).isEqualTo("Work mail");

        // An Entra ID style PATCH: no path, keys that are paths, a boolean as a string, the extension by URN.
        var raw = send("PATCH", "/scim/v2/Users/" + created.getId(), """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                  {"op":"Replace","value":{"name.givenName":"Amazing Grace","active":"False"}},
                  {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Navy"},
                  {"op":"Add","path":"emails[type eq \\"other\\"].value","value":"grace@other.example"}]}""");
        assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
        var patched = scim.retrieve("Users", created.getId(), UserResource.class);
        assertThat(patched.getName().getGivenName()).isEqualTo("Amazing Grace");
        assertThat(patched.getActive()).isFalse();
        assertThat(patched.getExtension(EnterpriseUserExtension.class).getDepartment()).isEqualTo("Navy");
        assertThat(patched.getEmails()).extracting(Email::getValue).contains("grace@other.example");
        // T-U7: the enterprise extension's attributes are the user's custom attributes, which apps see.
        assertThat(space.api().get("/api/v1/users/" + created.getId()).json().get("attributes").get("department")
                .asString()).isEqualTo("Navy");

        var removed = scim.modifyRequest("Users", created.getId())
                .removeValues("emails[type eq \"other\"]").invoke(UserResource.class);
        assertThat(removed.getEmails()).extracting(Email::getType).containsExactly("work");
    }

    @Test
    void badPatchesAreRefusedWithTheirScimTypeAndChangeNothing() throws Exception {
        var created = scim.create("Users", user(TestSpaces.email("bad"), "Bad", "Patch"));

        assertThat(scimType(() -> scim.modifyRequest("Users", created.getId())
                .replaceValue("nickName", "x").invoke(UserResource.class))).isEqualTo("invalidPath");
        assertThat(scimType(() -> scim.modifyRequest("Users", created.getId())
                .removeValues("emails[type eq \"fax\"]").invoke(UserResource.class))).isEqualTo("noTarget");
        assertThat(scimType(() -> scim.modifyRequest("Users", created.getId())
                .replaceValue("active", "maybe").invoke(UserResource.class))).isEqualTo("invalidValue");
        assertThat(scimType(() -> scim.modifyRequest("Users", created.getId())
                .replaceValue("groups", "x").invoke(UserResource.class))).isEqualTo("mutability");
        var broken = send("PATCH", "/scim/v2/Users/" + created.getId(), """
                {"Operations":[{"op":"replace","path":"emails[type eq ","value":"x"}]}""");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(ApiClient.parse(broken.body()).get("scimType").asString()).isEqualTo("invalidPath");
        assertThat(broken.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/scim+json"));

        var unchanged = scim.retrieve("Users", created.getId(), UserResource.class);
        assertThat(unchanged.getMeta().getVersion()).isEqualTo("W/\"1\"");
        assertThat(unchanged.getActive()).isTrue();
    }

    @Test
    void aStaleETagIsRefusedWithPreconditionFailed() throws Exception {
        var created = scim.create("Users", user(TestSpaces.email("etag"), "E", "Tag"));
        scim.modifyRequest("Users", created.getId()).replaceValue("displayName", "first").invoke(UserResource.class);

        assertThatThrownBy(() -> scim.modifyRequest("Users", created.getId()).ifMatch(created.getMeta().getVersion())
                .replaceValue("displayName", "second").invoke(UserResource.class))
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> scim.replaceRequest(created).ifMatch().invoke())
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> scim.deleteRequest("Users", created.getId()).ifMatch("W/\"1\"").invoke())
                .isInstanceOf(PreconditionFailedException.class);

        var current = scim.retrieve("Users", created.getId(), UserResource.class);
        assertThat(current.getDisplayName()).isEqualTo("first");
        var response = send("GET", "/scim/v2/Users/" + created.getId(), null);
        assertThat(response.headers().firstValue("ETag")).hasValue("W/\"2\"");
    }

    @Test
    void aRetriedCreateIsAConflictNamingTheExistingUser() throws ScimException {
        String email = TestSpaces.email("twice");
        var first = scim.create("Users", user(email, "Twice", "Sent"));

        assertThatThrownBy(() -> scim.create("Users", user(email.toUpperCase(), "Twice", "Sent")))
                .isInstanceOfSatisfying(ResourceConflictException.class, conflict -> {
                    assertThat(conflict.getScimError().getScimType()).isEqualTo("uniqueness");
                    assertThat(conflict.getScimError().getDetail()).contains(first.getId());
                });
        var found = scim.searchRequest("Users").filter("userName eq \"" + email + "\"").invoke(UserResource.class);
        assertThat(found.getTotalResults()).isEqualTo(1);
        assertThat(found.getResources().get(0).getId()).isEqualTo(first.getId());
    }

    @Test
    void aPersonInvitedInTheConsoleIsTakenOverAndEnabled() throws ScimException {
        String invited = space.invite("invited");
        String email = space.api().get("/api/v1/users/" + invited).json().get("user").get("email").asString();

        var taken = scim.create("Users", user(email, "In", "Vited"));

        assertThat(taken.getId()).isEqualTo(invited);
        assertThat(space.api().get("/api/v1/users/" + invited).json().get("user").get("state").asString())
                .isEqualTo("enabled");
    }

    @Test
    void deactivationEndsTheSessionAndTheTokenAtOnce() throws ScimException {
        var person = space.enabledUser("leaver");
        var session = person.signIn(port);
        var personToken = person.token(port, "apps:read");
        assertThat(personToken.get("/api/v1/apps").status()).isEqualTo(200);
        var managed = scim.create("Users", user(person.email(), "Lea", "Ver"));
        assertThat(managed.getId()).isEqualTo(person.id());

        scim.modifyRequest("Users", managed.getId()).replaceValue("active", false).invoke(UserResource.class);

        assertThat(personToken.get("/api/v1/apps").status()).isEqualTo(401);
        var page = session.get("/apps");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).contains("/login"));
    }

    @Test
    void scimManagedUsersCannotBeDisabledOrEnabledInTheApiOrConsole() throws ScimException {
        var created = scim.create("Users", user(TestSpaces.email("managed"), "Man", "Aged"));

        var refused = space.api().post("/api/v1/users/" + created.getId() + "/disable", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("user.managed");
        var page = space.console().get("/users/" + created.getId());
        assertThat(page.body()).contains("provisioned by your identity provider through").doesNotContain(">Disable<");
        assertThat(space.api().get("/api/v1/users/" + created.getId()).json().get("user").get("state").asString())
                .isEqualTo("enabled");
    }

    @Test
    void everyChangeIsAuditedAsScim() throws ScimException {
        var created = scim.create("Users", user(TestSpaces.email("audited"), "Au", "Dited"));
        scim.modifyRequest("Users", created.getId()).replaceValue("active", false).invoke(UserResource.class);

        var entries = jdbc.sql("""
                select action, actor_label from audit_entries where space_id = cast(? as uuid) and target_id = ?
                order by seq""").params(space.id(), created.getId())
                .query((rs, n) -> rs.getString("action") + " by " + rs.getString("actor_label")).list();
        assertThat(entries).containsExactly("user.provisioned by SCIM (" + space.admin().email() + ")",
                "user.provision_updated by SCIM (" + space.admin().email() + ")");
    }

    @Test
    void usersOfAnotherSpaceAreNotFound() throws ScimException {
        var other = TestSpaces.create(port, "SCIM other");
        var otherScim = ScimClients.scim(port, Admin.token(other.console(), "scim"));
        var mine = scim.create("Users", user(TestSpaces.email("mine"), "Mine", "Only"));

        assertThatThrownBy(() -> otherScim.retrieve("Users", mine.getId(), UserResource.class))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> otherScim.modifyRequest("Users", mine.getId()).replaceValue("active", false)
                .invoke(UserResource.class)).isInstanceOf(ResourceNotFoundException.class);
        assertThat(otherScim.searchRequest("Users").filter("userName eq \"" + mine.getUserName() + "\"")
                .invoke(UserResource.class).getTotalResults()).isZero();
    }

    @Test
    void onlySpaceAdminsWithTheScimScopeProvision() throws Exception {
        var withoutScope = ScimClients.scim(port, Admin.token(space.console(), "users:write"));
        assertThatThrownBy(() -> withoutScope.create("Users", user(TestSpaces.email("x"), "X", "Y")))
                .isInstanceOf(ForbiddenException.class);
        var member = space.enabledUser("member");
        var notAdmin = ScimClients.scim(port, Admin.token(member.signIn(port), "scim"));
        assertThatThrownBy(() -> notAdmin.searchRequest("Users").invoke(UserResource.class))
                .isInstanceOf(ForbiddenException.class);

        var anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/scim/v2/Users")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(ApiClient.parse(anonymous.body()).get("schemas").get(0).asString())
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        var badToken = ScimClients.scim(port, "tyd_not-a-token");
        assertThatThrownBy(() -> badToken.searchRequest("Users").invoke(UserResource.class))
                .isInstanceOfSatisfying(ScimException.class,
                        e -> assertThat(e.getScimError().getStatus()).isEqualTo(401));
    }

    @Test
    void theServiceDescribesItself() throws ScimException {
        var config = scim.getServiceProviderConfig();
        assertThat(config.getPatch().isSupported()).isTrue();
        assertThat(config.getFilter().isSupported()).isTrue();
        assertThat(config.getEtag().isSupported()).isTrue();
        assertThat(config.getBulk().isSupported()).isFalse();
        assertThat(scim.getResourceTypes().getResources()).extracting(type -> type.getName())
                .containsExactly("User", "Group");
        assertThat(scim.getSchemas().getResources()).extracting(schema -> schema.getId()).containsExactly(
                "urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                "urn:ietf:params:scim:schemas:core:2.0:Group");
        var user = scim.getSchema("urn:ietf:params:scim:schemas:core:2.0:User");
        assertThat(user.getAttributes()).extracting(attribute -> attribute.getName()).contains("userName", "emails");
    }

    @Test
    void unknownEndpointsAnswerWithScimErrors() throws Exception {
        var unknown = send("GET", "/scim/v2/Bulk", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(ApiClient.parse(unknown.body()).get("status").asString()).isEqualTo("404");
        var notJson = send("POST", "/scim/v2/Users", "{not json");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(ApiClient.parse(notJson.body()).get("scimType").asString()).isEqualTo("invalidSyntax");
    }

    private String scimType(ThrowingRequest request) {
        try {
            request.run();
        } catch (BadRequestException e) {
            return e.getScimError().getScimType();
        } catch (ScimException e) {
            throw new AssertionError("expected 400, got " + e.getScimError().getStatus(), e);
        }
        throw new AssertionError("the request succeeded");
    }

    @FunctionalInterface
    private interface ThrowingRequest {
        void run() throws ScimException;
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/scim+json")
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
