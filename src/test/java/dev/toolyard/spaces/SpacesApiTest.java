package dev.toolyard.spaces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.toolyard.testing.Admin;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.ToolyardTest;

/** T-SP1, T-SP4, T-SP7: instance admins manage spaces through the API. */
@ToolyardTest
class SpacesApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ApiClient admin() {
        return new ApiClient(port, Admin.token(port, "spaces:read", "spaces:write"));
    }

    @Test
    void aSpaceIsCreatedRenamedAndDeleted() {
        var api = admin();
        var created = api.post("/api/v1/spaces", "{\"name\":\"  Finance  \"}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("name").asString()).isEqualTo("Finance");
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/api/v1/spaces/" + id);

        var renamed = api.patch("/api/v1/spaces/" + id, "{\"name\":\"Finance EU\"}");
        assertThat(renamed.json().get("name").asString()).isEqualTo("Finance EU");
        assertThat(api.get("/api/v1/spaces/" + id).json().get("name").asString()).isEqualTo("Finance EU");

        assertThat(api.delete("/api/v1/spaces/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/spaces/" + id).json().get("code").asString()).isEqualTo("space.not_found");
    }

    @Test
    void namesAreUniqueRegardlessOfCase() {
        var api = admin();
        api.post("/api/v1/spaces", "{\"name\":\"Marketing\"}");

        var clash = api.post("/api/v1/spaces", "{\"name\":\"MARKETING\"}");

        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.json().get("code").asString()).isEqualTo("space.name_taken");
        assertThat(clash.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
    }

    @Test
    void aNewSpaceHasTheFourBuiltInGroups() {
        String id = admin().post("/api/v1/spaces", "{\"name\":\"Support\"}").json().get("id").asString();

        var groups = jdbc.sql("select built_in from permission_groups where space_id = ? order by built_in")
                .param(UUID.fromString(id)).query(String.class).list();

        assertThat(groups).containsExactly("ADMIN", "ALL_USERS", "EDITOR", "VIEWER");
    }

    @Test
    void deletingASpaceRemovesWhatItOwnsButKeepsItsAuditHistory() {
        var api = admin();
        String id = api.post("/api/v1/spaces", "{\"name\":\"Short lived\"}").json().get("id").asString();

        api.delete("/api/v1/spaces/" + id);

        assertThat(jdbc.sql("select count(*) from permission_groups where space_id = ?").param(UUID.fromString(id))
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from audit_entries where target_id = ? and action = 'space.deleted'")
                .param(id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theListIsPagedByCursorInNameOrderWithoutGapsOrRepeats() {
        var api = admin();
        for (int i = 0; i < 7; i++) {
            api.post("/api/v1/spaces", "{\"name\":\"Paging " + (char) ('g' - i) + "\"}");
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var page = api.get("/api/v1/spaces?limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(item -> seen.add(item.get("name").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);

        var expected = jdbc.sql("select name from spaces order by lower(name), id").query(String.class).list();
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void aNewSpaceCanCopyTheAdminSpacesGroupDefinitionsAndAllowedDomainsWithoutMembersAndTheCopyStaysIndependent() {
        var admin = new ApiClient(port, Admin.token(port, "spaces:read", "spaces:write", "groups:read", "groups:write"));
        String groupName = "Analysts " + UUID.randomUUID().toString().substring(0, 6);
        String group = admin.post("/api/v1/groups", "{\"name\":\"" + groupName + "\"}").json().get("id").asString();
        admin.send("PUT", "/api/v1/groups/" + group + "/access",
                "{\"globalApps\":\"USE\",\"additional\":[\"WORKSPACE\",\"QUERY_LIBRARY\"]}");
        String me = admin.get("/api/v1/me").json().get("id").asString();
        admin.send("PUT", "/api/v1/groups/" + group + "/members/" + me, null);
        var users = new ApiClient(port, Admin.token(port, "users:read", "users:write"));
        String domain = "copy-" + UUID.randomUUID().toString().substring(0, 6) + ".example";
        users.send("PUT", "/api/v1/users/allowed-domains", "{\"domains\":[\"" + domain + "\"]}");

        String space = admin.post("/api/v1/spaces", "{\"name\":\"Copied " + groupName + "\",\"copyFromAdminSpace\":true}")
                .json().get("id").asString();
        admin.send("PUT", "/api/v1/groups/" + group + "/access", "{\"globalApps\":\"OWN\"}");

        var copy = jdbc.sql("select id, global_app_level, additional_access::text from permission_groups where space_id = ? and name = ?")
                .params(UUID.fromString(space), groupName).query().singleRow();
        assertThat(copy.get("global_app_level")).isEqualTo("USE");
        assertThat(copy.get("additional_access").toString()).contains("WORKSPACE", "QUERY_LIBRARY");
        assertThat(jdbc.sql("select count(*) from group_memberships where group_id = ?").param(copy.get("id"))
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select domain from space_allowed_domains where space_id = ?").param(UUID.fromString(space))
                .query(String.class).list()).containsExactly(domain);
        assertThat(admin.post("/api/v1/spaces/" + space + "/copy-from-admin-space", null).json().get("groupsCopied").asInt())
                .isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select global_app_level from permission_groups where space_id = ? and name = ?")
                .params(UUID.fromString(space), groupName).query(String.class).single()).isEqualTo("OWN");
    }

    @Test
    void peopleWhoAreNotInstanceAdminsCannotManageSpaces() {
        var unauthenticated = new ApiClient(port, null);

        assertThat(unauthenticated.get("/api/v1/spaces").status()).isEqualTo(401);
    }
}
