package dev.toolyard.queries;

import static dev.toolyard.testing.AccessJson.access;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.toolyard.resources.ResourceKind;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;
import dev.toolyard.testing.AccessJson;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * T-AP2's queries of an app under T-A5, through the API: Use on the app reads and runs them
 * whatever the resource; writing one takes Edit on the app and Use on its resource. Versions
 * guard against lost saves; bad input changes nothing (T-SEC4); a resource in use stays.
 */
@ToolyardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppQueriesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    AppQueries queries;

    @Autowired
    JdbcClient jdbc;

    private TestSpace space;
    private String resource;

    @BeforeAll
    void space() {
        space = TestSpaces.create(port, "Queries");
        resource = space.resource("Orders db", null);
    }

    /** A builder in a group of their own with exactly this access, and a token to write queries with. */
    record Builder(TestSpaces.Person person, ApiClient api) {
    }

    private Builder builder(AccessJson grants) {
        String group = space.group("Builders");
        var person = space.enabledUser("builder");
        space.addMember(group, person.id());
        space.saveAccess(group, grants.json());
        return new Builder(person, person.token(port, "apps:read", "apps:write", "resources:read"));
    }

    /** T-A5: Edit on the app is not enough; the resource must be one the builder may use. */
    @Test
    void editOnTheAppWithoutUseOnTheResourceWritesNoQueryOnIt() {
        String app = space.app("Orders", null);
        String existing = created(space.api().post(queriesOf(app), sql("existing", resource, "select 1")));
        var builder = builder(access().app(app, "EDIT"));

        var created = builder.api().post(queriesOf(app), sql("mine", resource, "select 2"));
        var saved = builder.api().send("PUT", queriesOf(app) + "/" + existing, sql("existing", resource, "select 3"));
        var deleted = builder.api().delete(queriesOf(app) + "/" + existing);

        for (var refused : List.of(created, saved, deleted)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(404);
            assertThat(refused.json().get("code").asString()).isEqualTo("resource.not_found");
        }
        var list = builder.api().get(queriesOf(app));
        assertThat(list.status()).as("Use on the app reads its queries").isEqualTo(200);
        assertThat(list.json()).hasSize(1);
        assertThat(list.json().get(0).get("fields").get(0).get("template").asString()).isEqualTo("select 1");
        assertThat(list.json().get(0).get("version").asInt()).isEqualTo(1);
    }

    /** T-A5: Use on the resource does not make a Use-only app user a builder of its queries. */
    @Test
    void useOnTheResourceWithOnlyUseOnTheAppWritesNoQuery() {
        String app = space.app("Stock", null);
        String existing = created(space.api().post(queriesOf(app), sql("stock", resource, "select 1")));
        var builder = builder(access().app(app, "USE").resource(resource, "USE"));

        var created = builder.api().post(queriesOf(app), sql("mine", resource, "select 2"));
        var saved = builder.api().send("PUT", queriesOf(app) + "/" + existing, sql("stock", resource, "select 3"));
        var deleted = builder.api().delete(queriesOf(app) + "/" + existing);

        for (var refused : List.of(created, saved, deleted)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.json().get("code").asString()).isEqualTo("access.denied");
        }
        assertThat(builder.api().get(queriesOf(app) + "/" + existing).json().get("version").asInt()).isEqualTo(1);
    }

    /** T-A5: Edit on the app and Use on the resource together write, save, rename and delete. */
    @Test
    void editOnTheAppAndUseOnTheResourceCreateSaveRenameAndDeleteQueries() {
        String app = space.app("Invoices", null);
        var builder = builder(access().app(app, "EDIT").resource(resource, "USE"));

        var created = builder.api().post(queriesOf(app), sql("invoices", resource, "select * from invoices"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var query = created.json();
        assertThat(query.get("version").asInt()).isEqualTo(1);
        assertThat(query.get("resourceKind").asString()).isEqualTo("POSTGRESQL");
        assertThat(query.get("timeoutSeconds").asInt()).isEqualTo(10);
        assertThat(query.get("maxRows").asInt()).isEqualTo(10_000);
        assertThat(query.get("maxBytes").asLong()).isEqualTo(10L * 1024 * 1024);
        String id = query.get("id").asString();

        var body = body("name", "openInvoices", "resourceId", resource, "version", 1, "timeoutSeconds", 30,
                "fields", List.of(field("sql", "select * from invoices where paid = false")));
        var saved = builder.api().send("PUT", queriesOf(app) + "/" + id, body);

        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("name").asString()).isEqualTo("openInvoices");
        assertThat(saved.json().get("version").asInt()).isEqualTo(2);
        assertThat(saved.json().get("timeoutSeconds").asInt()).isEqualTo(30);
        assertThat(builder.api().get(queriesOf(app) + "/" + id).json().get("fields").get(0).get("template").asString())
                .isEqualTo("select * from invoices where paid = false");

        assertThat(builder.api().delete(queriesOf(app) + "/" + id).status()).isEqualTo(204);
        var gone = builder.api().get(queriesOf(app) + "/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("code").asString()).isEqualTo("query.not_found");
    }

    /** T-A5: a save needs Use on the resource the query had and on the one it gets. */
    @Test
    void aSaveNeedsUseOnTheOldAndTheNewResource() {
        String app = space.app("Moves", null);
        String other = space.resource("Warehouse", null);
        String onResource = created(space.api().post(queriesOf(app), sql("onResource", resource, "select 1")));
        var builder = builder(access().app(app, "EDIT").resource(other, "USE"));
        String onOther = created(builder.api().post(queriesOf(app), sql("onOther", other, "select 2")));

        var fromUnusable = builder.api().send("PUT", queriesOf(app) + "/" + onResource, sql("onResource", other, "select 3"));
        var toUnusable = builder.api().send("PUT", queriesOf(app) + "/" + onOther, sql("onOther", resource, "select 4"));

        assertThat(fromUnusable.status()).as(fromUnusable.body()).isEqualTo(404);
        assertThat(toUnusable.status()).as(toUnusable.body()).isEqualTo(404);
        assertThat(space.api().get(queriesOf(app) + "/" + onResource).json().get("resourceId").asString()).isEqualTo(resource);
        assertThat(space.api().get(queriesOf(app) + "/" + onOther).json().get("resourceId").asString()).isEqualTo(other);
        assertThat(space.api().get(queriesOf(app) + "/" + onOther).json().get("version").asInt()).isEqualTo(1);
    }

    /** T-A5: whoever may use the app runs its queries, on any resource; saving still takes Edit. */
    @Test
    void aUseOnlyAppUserMayRunEveryQueryOfTheAppButSaveNone() {
        String app = space.app("Runs", null);
        String id = created(space.api().post(queriesOf(app), body("name", "report", "resourceId", resource,
                "maxRows", 500, "fields", List.of(field("sql", "select * from t where owner = {{ current_user.email }}")))));
        var user = space.enabledUser("runner");
        String group = space.group("Runners");
        space.addMember(group, user.id());
        space.saveAccess(group, access().app(app, "USE").json());
        var caller = caller(user);

        var runnable = queries.forRun(caller, new AppId(UUID.fromString(app)), new QueryId(UUID.fromString(id)));

        assertThat(runnable.queryId().value().toString()).isEqualTo(id);
        assertThat(runnable.appId().value().toString()).isEqualTo(app);
        assertThat(runnable.importId()).isNull();
        assertThat(runnable.libraryQueryId()).isNull();
        assertThat(runnable.resourceId().value().toString()).isEqualTo(resource);
        assertThat(runnable.resourceKind()).isEqualTo(ResourceKind.POSTGRESQL);
        assertThat(runnable.fields()).containsExactly(
                new FieldTemplate("sql", "select * from t where owner = {{ current_user.email }}"));
        assertThat(runnable.parameters()).isEmpty();
        assertThat(runnable.limits().maxRows()).isEqualTo(500);
        assertThatThrownBy(() -> queries.save(caller, new AppId(UUID.fromString(app)), new QueryId(UUID.fromString(id)),
                new QueryDraft("report", runnable.resourceId(), runnable.fields(), null, null, null), null))
                .isInstanceOf(ForbiddenException.class);

        var stranger = caller(space.enabledUser("stranger"));
        assertThatThrownBy(() -> queries.forRun(stranger, new AppId(UUID.fromString(app)), new QueryId(UUID.fromString(id))))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("There is no app");
        String otherApp = space.app("Other", null);
        space.saveAccess(group, access().app(app, "USE").app(otherApp, "USE").json());
        assertThatThrownBy(() -> queries.forRun(caller, new AppId(UUID.fromString(otherApp)),
                new QueryId(UUID.fromString(id)))).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("There is no query");
    }

    /** The editor names the version it started from; a save made in between wins and nothing is lost silently. */
    @Test
    void aSaveNamingAStaleVersionIsAConflictAndChangesNothing() {
        String app = space.app("Conflicts", null);
        String id = created(space.api().post(queriesOf(app), sql("q", resource, "select 1")));
        String path = queriesOf(app) + "/" + id;
        assertThat(space.api().send("PUT", path, withVersion(sql("q", resource, "select 'first'"), 1)).status())
                .isEqualTo(200);

        var stale = space.api().send("PUT", path, withVersion(sql("q", resource, "select 'second'"), 1));

        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(stale.json().get("code").asString()).isEqualTo("query.version_conflict");
        var current = space.api().get(path).json();
        assertThat(current.get("version").asInt()).isEqualTo(2);
        assertThat(current.get("fields").get(0).get("template").asString()).isEqualTo("select 'first'");
        var unconditional = space.api().send("PUT", path, sql("q", resource, "select 'third'"));
        assertThat(unconditional.json().get("version").asInt()).isEqualTo(3);
    }

    /** T-SEC4: each kind of bad query is refused with a stable code, every problem at once, and nothing changes. */
    @Test
    void badQueriesAreRefusedWithTheirProblemsAndChangeNothing() {
        String app = space.app("Validation", null);
        String rest = created(space.api().post("/api/v1/resources", "{\"name\":\"" + TestSpaces.unique("Api")
                + "\",\"kind\":\"REST\"}"));
        String valid = created(space.api().post(queriesOf(app), body("name", "customers", "resourceId", rest,
                "fields", List.of(field("method", "get"), field("path", "/customers"), field("query:limit", "{{ 10 }}")))));
        assertThat(space.api().get(queriesOf(app) + "/" + valid).json().get("fields").get(0).get("template").asString())
                .as("a REST method is kept in capitals").isEqualTo("GET");
        long auditBefore = auditEntries();

        var cases = new LinkedHashMap<String, String>();
        cases.put("query.invalid_name", sql("2 bad", resource, "select 1"));
        cases.put("query.reserved_name", sql("current_user", resource, "select 1"));
        cases.put("query.field_not_accepted", body("name", "a", "resourceId", resource,
                "fields", List.of(field("sql", "select 1"), field("path", "/x"))));
        cases.put("query.field_required", body("name", "b", "resourceId", rest, "fields", List.of(field("method", "GET"))));
        cases.put("query.invalid_method", body("name", "c", "resourceId", rest,
                "fields", List.of(field("method", "FETCH"), field("path", "/x"))));
        cases.put("query.duplicate_field", body("name", "d", "resourceId", resource,
                "fields", List.of(field("sql", "select 1"), field("sql", "select 2"))));
        cases.put("query.limit_out_of_range", body("name", "e", "resourceId", resource, "timeoutSeconds", 121,
                "fields", List.of(field("sql", "select 1"))));
        cases.put("field.required", body("name", "f", "fields", List.of(field("sql", "select 1"))));
        cases.put("query.template_unterminated", sql("g", resource, "select {{ box.value"));
        cases.put("query.expression_forbidden", sql("h", resource, "select {{ globalThis.current }}"));
        for (var entry : cases.entrySet()) {
            var refused = space.api().post(queriesOf(app), entry.getValue());

            assertThat(refused.status()).as(entry.getKey() + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.json().get("code").asString()).as(refused.body()).isEqualTo(entry.getKey());
        }
        var several = space.api().post(queriesOf(app), body("name", "no good", "resourceId", resource, "maxRows", 100_001,
                "fields", List.of(field("sql", "select 1"))));
        assertThat(several.json().get("errors").findValuesAsString("field")).containsExactly("name", "maxRows");
        var taken = space.api().post(queriesOf(app), body("name", "CUSTOMERS", "resourceId", rest,
                "fields", List.of(field("method", "GET"), field("path", "/x"))));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("code").asString()).isEqualTo("query.name_taken");
        var renamedOntoTaken = space.api().send("PUT", queriesOf(app) + "/" + created(space.api().post(queriesOf(app),
                sql("second", resource, "select 1"))), sql("Customers", resource, "select 1"));
        assertThat(renamedOntoTaken.status()).isEqualTo(409);

        assertThat(space.api().get(queriesOf(app)).json().valueStream().map(query -> query.get("name").asString()))
                .containsExactly("customers", "second");
        assertThat(auditEntries()).as("only the second query's creation").isEqualTo(auditBefore + 1);
    }

    /** A query keeps its resource: deleting a resource in use is refused; deleting the app takes its queries along. */
    @Test
    void aResourceInUseIsNotDeletedAndDeletingTheAppRemovesItsQueries() {
        String temporary = space.resource("Temporary", null);
        String app = space.app("Short lived", null);
        created(space.api().post(queriesOf(app), sql("lookup", temporary, "select 1")));

        var refused = space.api().delete("/api/v1/resources/" + temporary);

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("resource.in_use");
        assertThat(refused.json().get("detail").asString()).contains("query 'lookup' of app 'Short lived");
        assertThat(space.api().delete("/api/v1/apps/" + app).status()).isEqualTo(204);
        assertThat(jdbc.sql("select count(*) from app_queries where app_id = ?").param(UUID.fromString(app))
                .query(Long.class).single()).isZero();
        assertThat(space.api().delete("/api/v1/resources/" + temporary).status()).isEqualTo(204);
    }

    /** T-AU1: creating, saving and deleting a query are in the audit trail with the before and after. */
    @Test
    void changesToQueriesAreAudited() {
        String app = space.app("Audited", null);
        String id = created(space.api().post(queriesOf(app), sql("audited", resource, "select 'created'")));
        space.api().send("PUT", queriesOf(app) + "/" + id, sql("audited", resource, "select 'saved'"));
        space.api().delete(queriesOf(app) + "/" + id);

        var entries = jdbc.sql("select action, before_state, after_state from audit_entries where target_id = ? order by id")
                .param(id).query((rs, row) -> List.of(rs.getString("action"), String.valueOf(rs.getString("before_state")),
                        String.valueOf(rs.getString("after_state")))).list();

        assertThat(entries).extracting(entry -> entry.get(0)).containsExactly("query.created", "query.saved", "query.deleted");
        assertThat(entries.get(1).get(1)).contains("select 'created'");
        assertThat(entries.get(1).get(2)).contains("select 'saved'", "\"version\":2");
    }

    private long auditEntries() {
        return jdbc.sql("select count(*) from audit_entries where space_id = ?").param(UUID.fromString(space.id()))
                .query(Long.class).single();
    }

    private Caller caller(TestSpaces.Person person) {
        return Caller.session(new UserId(UUID.fromString(person.id())), person.email(),
                new SpaceId(UUID.fromString(space.id())), false, false, "127.0.0.1");
    }

    static String queriesOf(String app) {
        return "/api/v1/apps/" + app + "/queries";
    }

    static String sql(String name, String resource, String sql) {
        return body("name", name, "resourceId", resource, "fields", List.of(field("sql", sql)));
    }

    static String withVersion(String json, int version) {
        return json.substring(0, json.length() - 1) + ",\"version\":" + version + "}";
    }

    static Map<String, Object> field(String name, String template) {
        return Map.of("name", name, "template", template);
    }

    /** A JSON object of name, value pairs, in order. */
    static String body(Object... pairs) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return JSON.writeValueAsString(map);
    }

    static String created(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }
}
