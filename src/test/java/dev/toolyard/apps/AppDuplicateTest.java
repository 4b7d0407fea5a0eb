package dev.toolyard.apps;

import static dev.toolyard.apps.AppDocumentsTest.component;
import static dev.toolyard.apps.AppDocumentsTest.doc;
import static dev.toolyard.testing.AccessJson.access;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;

/**
 * Duplicating an app (T-AP1): what the copy gets (draft document, queries, imports; not releases)
 * and who may (Edit on the app, Edit on the target folder, Use on the queries' resources).
 */
@ToolyardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppDuplicateTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private TestSpace space;
    private ApiClient owner;
    private String builders;
    private ApiClient builder;
    private String resource;

    @BeforeAll
    void space() {
        space = TestSpaces.create(port, "Duplicates");
        owner = space.api();
        builders = space.group("Builders");
        var person = space.enabledUser("builder");
        space.addMember(builders, person.id());
        builder = person.token(port, "apps:read", "apps:write");
        resource = space.resource("Db", null);
    }

    @Test
    void theCopyGetsTheDraftQueriesAndImportsButNoReleases() {
        String source = space.app("Source", null);
        var query = owner.post("/api/v1/apps/" + source + "/queries", "{\"name\":\"employees\",\"resourceId\":\""
                + resource + "\",\"fields\":[{\"name\":\"sql\",\"template\":\"select 1\"}]}");
        assertThat(query.status()).as(query.body()).isEqualTo(201);
        var saved = owner.send("PUT", "/api/v1/apps/" + source + "/document", "{\"version\":1,\"document\":"
                + doc(component("title", "text", "{\"value\":\"{{ employees.data.length }} people\"}")) + "}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(owner.post("/api/v1/apps/" + source + "/releases", "{\"bump\":\"major\"}").status()).isEqualTo(201);
        String folder = space.folder("Copies");

        var copied = owner.post("/api/v1/apps/" + source + "/duplicate", "{\"name\":\"" + TestSpaces.unique("Copy")
                + "\",\"folderId\":\"" + folder + "\"}");

        assertThat(copied.status()).as(copied.body()).isEqualTo(201);
        String copy = copied.json().get("id").asString();
        assertThat(copied.json().get("folderId").asString()).isEqualTo(folder);
        var document = owner.get("/api/v1/apps/" + copy + "/document").json();
        assertThat(document.get("version").asInt()).isEqualTo(1);
        assertThat(document.get("live").asBoolean()).as("no releases: the draft is live").isTrue();
        assertThat(document.get("document")).isEqualTo(owner.get("/api/v1/apps/" + source + "/document").json()
                .get("document"));
        var queries = owner.get("/api/v1/apps/" + copy + "/queries").json();
        assertThat(queries.size()).isEqualTo(1);
        assertThat(queries.get(0).get("name").asString()).isEqualTo("employees");
        assertThat(queries.get(0).get("id").asString()).isNotEqualTo(query.json().get("id").asString());
        assertThat(owner.get("/api/v1/apps/" + copy + "/releases").json().size()).isZero();
        assertThat(jdbc.sql("select count(*) from audit_entries where action = 'app.duplicated' and target_id = ?")
                .param(copy).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void editOnTheAppAndOnTheTargetFolderLetABuilderCopyAndTheFolderDefaultApplies() {
        String source = space.app("Editable", null);
        String folder = space.folder("Target");
        space.saveAccess(builders, access().app(source, "EDIT").folder(folder, "EDIT").json());

        var copied = builder.post("/api/v1/apps/" + source + "/duplicate", "{\"name\":\"" + TestSpaces.unique("Mine")
                + "\",\"folderId\":\"" + folder + "\"}");

        assertThat(copied.status()).as(copied.body()).isEqualTo(201);
        assertThat(copied.json().get("level").asString()).as("the target folder's default").isEqualTo("EDIT");
    }

    @Test
    void useOnTheAppIsNotEnoughToCopyIt() {
        String source = space.app("Used only", null);
        String folder = space.folder("Open target");
        space.saveAccess(builders, access().app(source, "USE").folder(folder, "EDIT").json());
        int apps = appCount();

        var refused = builder.post("/api/v1/apps/" + source + "/duplicate", "{\"name\":\"Nope\",\"folderId\":\""
                + folder + "\"}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(appCount()).isEqualTo(apps);
    }

    @Test
    void useOnTheTargetFolderIsNotEnoughToCopyIntoIt() {
        String source = space.app("Edited", null);
        String folder = space.folder("Closed target");
        space.saveAccess(builders, access().app(source, "EDIT").folder(folder, "USE").json());
        int apps = appCount();

        var refused = builder.post("/api/v1/apps/" + source + "/duplicate", "{\"name\":\"Nope\",\"folderId\":\""
                + folder + "\"}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().get("code").asString()).isEqualTo("access.denied");
        assertThat(appCount()).isEqualTo(apps);
    }

    @Test
    void anAppWhoseQueriesUseAResourceTheCopierMayNotUseIsNotCopied() {
        String source = space.app("Sensitive", null);
        var query = owner.post("/api/v1/apps/" + source + "/queries", "{\"name\":\"salaries\",\"resourceId\":\""
                + resource + "\",\"fields\":[{\"name\":\"sql\",\"template\":\"select 1\"}]}");
        assertThat(query.status()).isEqualTo(201);
        String folder = space.folder("Wide open");
        space.saveAccess(builders, access().app(source, "EDIT").folder(folder, "EDIT").json());
        int apps = appCount();

        var refused = builder.post("/api/v1/apps/" + source + "/duplicate", "{\"name\":\"Leak\",\"folderId\":\""
                + folder + "\"}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().get("code").asString()).isEqualTo("app.duplicate_resource_denied");
        assertThat(appCount()).isEqualTo(apps);

        space.saveAccess(builders, access().app(source, "EDIT").folder(folder, "EDIT").resource(resource, "USE").json());
        var allowed = builder.post("/api/v1/apps/" + source + "/duplicate", "{\"name\":\"" + TestSpaces.unique("Ok")
                + "\",\"folderId\":\"" + folder + "\"}");
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(201);
    }

    @Test
    void anotherSpacesAppIsNotFound() {
        String source = space.app("Foreign", null);
        var other = TestSpaces.create(port, "Other duplicates").api();

        var refused = other.post("/api/v1/apps/" + source + "/duplicate", "{\"name\":\"Stolen\",\"folderId\":null}");

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.json().get("code").asString()).isEqualTo("app.not_found");
    }

    private int appCount() {
        return jdbc.sql("select count(*) from apps where space_id = ?").param(UUID.fromString(space.id()))
                .query(Integer.class).single();
    }
}
