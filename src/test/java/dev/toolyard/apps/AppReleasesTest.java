package dev.toolyard.apps;

import static dev.toolyard.apps.AppDocumentsTest.component;
import static dev.toolyard.apps.AppDocumentsTest.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.toolyard.testing.AccessJson;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;

/**
 * Releases (T-R1) through the API: semantic version bumps, exactly one live release, rollback,
 * who may do what, the release selector, and audit entries.
 */
@ToolyardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppReleasesTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private TestSpace space;
    private ApiClient owner;
    private String users;
    private String editors;
    private ApiClient user;
    private ApiClient editor;

    @BeforeAll
    void space() {
        space = TestSpaces.create(port, "Releases");
        owner = space.api();
        var endUser = space.enabledUser("end-user");
        var builder = space.enabledUser("builder");
        users = space.group("Users");
        editors = space.group("Editors");
        space.addMember(users, endUser.id());
        space.addMember(editors, builder.id());
        user = endUser.token(port, "apps:read", "apps:write");
        editor = builder.token(port, "apps:read", "apps:write");
    }

    @Test
    void bumpsCountFromTheLatestReleaseAndTheNewestIsLive() {
        String app = space.app("Bumps", null);

        var versions = new ArrayList<String>();
        for (String bump : List.of("patch", "minor", "patch", "major", "minor")) {
            var published = publish(owner, app, bump, "a " + bump + " release");
            assertThat(published.status()).as(published.body()).isEqualTo(201);
            versions.add(published.json().get("version").asString());
        }

        assertThat(versions).containsExactly("0.0.1", "0.1.0", "0.1.1", "1.0.0", "1.1.0");
        var list = owner.get("/api/v1/apps/" + app + "/releases").json();
        var listed = new ArrayList<String>();
        var live = new ArrayList<String>();
        list.forEach(release -> {
            listed.add(release.get("version").asString());
            if (release.get("live").asBoolean()) {
                live.add(release.get("version").asString());
            }
        });
        assertThat(listed).containsExactly("1.1.0", "1.0.0", "0.1.1", "0.1.0", "0.0.1");
        assertThat(live).containsExactly("1.1.0");
        assertThat(list.get(0).get("notes").asString()).isEqualTo("a minor release");
    }

    @Test
    void theFirstMajorReleaseIsOnePointZero() {
        String app = space.app("Major", null);

        assertThat(publish(owner, app, "major", "").json().get("version").asString()).isEqualTo("1.0.0");
    }

    @Test
    void endUsersGetTheLiveReleaseAndBuildersTheDraftOrAnyRelease() {
        String app = space.app("Selector", null);
        space.saveAccess(users, AccessJson.access().app(app, "USE").json());
        space.saveAccess(editors, AccessJson.access().app(app, "EDIT").json());
        save(app, "before");
        assertThat(document(user, app, "live").get("document").toString()).as("draft live before the first release")
                .contains("before");
        publish(owner, app, "minor", "first");
        save(app, "after");

        var live = document(user, app, null);
        assertThat(live.get("release").asString()).isEqualTo("0.1.0");
        assertThat(live.get("live").asBoolean()).isTrue();
        assertThat(live.get("document").toString()).contains("before").doesNotContain("after");
        var latest = document(editor, app, "latest");
        assertThat(latest.get("release").isNull()).isTrue();
        assertThat(latest.get("live").asBoolean()).isFalse();
        assertThat(latest.get("document").toString()).contains("after");
        assertThat(document(editor, app, "0.1.0").get("document").toString()).contains("before");

        var forbiddenLatest = user.get("/api/v1/apps/" + app + "/document?release=latest");
        var forbiddenVersion = user.get("/api/v1/apps/" + app + "/document?release=0.1.0");
        var unknown = editor.get("/api/v1/apps/" + app + "/document?release=9.9.9");
        var nonsense = editor.get("/api/v1/apps/" + app + "/document?release=newest");
        assertThat(forbiddenLatest.status()).isEqualTo(403);
        assertThat(forbiddenLatest.json().get("code").asString()).isEqualTo("app.release_forbidden");
        assertThat(forbiddenVersion.json().get("code").asString()).isEqualTo("app.release_forbidden");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asString()).isEqualTo("app.release_not_found");
        assertThat(nonsense.status()).isEqualTo(400);
        assertThat(nonsense.json().get("code").asString()).isEqualTo("app.release_selector_invalid");
    }

    @Test
    void makingAnEarlierReleaseLiveRollsBackInOneAction() {
        String app = space.app("Rollback", null);
        space.saveAccess(users, AccessJson.access().app(app, "USE").json());
        save(app, "first");
        publish(owner, app, "major", "one");
        save(app, "second");
        publish(owner, app, "major", "two");
        assertThat(document(user, app, null).get("document").toString()).contains("second");

        var rolledBack = owner.post("/api/v1/apps/" + app + "/releases/1.0.0/live", null);

        assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
        assertThat(rolledBack.json().get("live").asBoolean()).isTrue();
        assertThat(document(user, app, null).get("release").asString()).isEqualTo("1.0.0");
        assertThat(document(user, app, null).get("document").toString()).contains("first").doesNotContain("second");
        assertThat(jdbc.sql("select count(*) from app_releases where app_id = ?::uuid and live").param(app)
                .query(Long.class).single()).isEqualTo(1);
        var unknown = owner.post("/api/v1/apps/" + app + "/releases/3.0.0/live", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asString()).isEqualTo("app.release_not_found");
    }

    @Test
    void publishingAndRollingBackNeedOwnListingNeedsEdit() {
        String app = space.app("Who may", null);
        space.saveAccess(users, AccessJson.access().app(app, "USE").json());
        space.saveAccess(editors, AccessJson.access().app(app, "EDIT").json());
        publish(owner, app, "patch", "by the owner");

        var editorPublish = publish(editor, app, "patch", "by an editor");
        var editorLive = editor.post("/api/v1/apps/" + app + "/releases/0.0.1/live", null);
        var editorList = editor.get("/api/v1/apps/" + app + "/releases");
        var userList = user.get("/api/v1/apps/" + app + "/releases");
        var badBump = publish(owner, app, "sideways", "");

        assertThat(editorPublish.status()).as(editorPublish.body()).isEqualTo(403);
        assertThat(editorLive.status()).isEqualTo(403);
        assertThat(editorList.status()).isEqualTo(200);
        assertThat(editorList.json().size()).isEqualTo(1);
        assertThat(userList.status()).isEqualTo(403);
        assertThat(badBump.status()).isEqualTo(400);
        assertThat(badBump.json().get("code").asString()).isEqualTo("app.release_bump_invalid");
        assertThat(jdbc.sql("select count(*) from app_releases where app_id = ?::uuid").param(app)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void releasesAndRollbacksAreAuditedAndAReleaseCannotBeRewritten() {
        String app = space.app("Audited", null);
        publish(owner, app, "minor", "audited notes");
        publish(owner, app, "minor", "again");
        owner.post("/api/v1/apps/" + app + "/releases/0.1.0/live", null);

        var actions = jdbc.sql("select action from audit_entries where target_id = ? order by id").param(app)
                .query(String.class).list();

        assertThat(actions).containsSubsequence("app.created", "app.release_published", "app.release_published",
                "app.release_made_live");
        assertThat(jdbc.sql("select after_state from audit_entries where target_id = ? and action = "
                + "'app.release_published' order by id limit 1").param(app).query(String.class).single())
                .contains("audited notes", "0.1.0");
        assertThatThrownBy(() -> jdbc.sql(
                "update app_releases set document = '{}' where app_id = ?::uuid").param(app).update())
                .hasMessageContaining("frozen");
    }

    @Test
    void anotherSpacesReleasesAreNotFound() {
        String app = space.app("Foreign", null);
        publish(owner, app, "major", "");
        var other = TestSpaces.create(port, "Other releases").api();

        assertThat(other.get("/api/v1/apps/" + app + "/releases").status()).isEqualTo(404);
        assertThat(other.post("/api/v1/apps/" + app + "/releases/1.0.0/live", null).status()).isEqualTo(404);
        assertThat(other.post("/api/v1/apps/" + app + "/releases", "{\"bump\":\"major\"}").status()).isEqualTo(404);
        assertThat(other.get("/api/v1/apps/" + app + "/document?release=1.0.0").status()).isEqualTo(404);
    }

    private ApiClient.Response publish(ApiClient api, String app, String bump, String notes) {
        return api.post("/api/v1/apps/" + app + "/releases", "{\"bump\":\"" + bump + "\",\"notes\":\"" + notes + "\"}");
    }

    private void save(String app, String text) {
        int version = owner.get("/api/v1/apps/" + app + "/document").json().get("version").asInt();
        var saved = owner.send("PUT", "/api/v1/apps/" + app + "/document", "{\"version\":" + version
                + ",\"document\":" + doc(component("label", "text", "{\"value\":\"" + text + "\"}")) + "}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    private tools.jackson.databind.JsonNode document(ApiClient api, String app, String release) {
        var response = api.get("/api/v1/apps/" + app + "/document" + (release == null ? "?release=live"
                : "?release=" + release));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
