package dev.toolyard.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.toolyard.testing.AccessJson;
import dev.toolyard.testing.Admin;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * T-TH1 through the API: every space's default theme, creating, changing and deleting themes,
 * their validation, who may manage them (T-A6), the default's rules, the audit trail, documents
 * that name a theme, and the runtime bundle wearing the current theme at every load.
 */
@ToolyardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThemesApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private TestSpace space;
    private ApiClient admin;

    @BeforeAll
    void space() {
        space = TestSpaces.create(port, "Themes");
        admin = space.api();
    }

    @Test
    void everySpaceHasOneDefaultThemeWithTheLookAppsHadBeforeThemes() {
        var fresh = TestSpaces.create(port, "Fresh");

        var themes = fresh.api().get("/api/v1/themes");

        assertThat(themes.status()).as(themes.body()).isEqualTo(200);
        assertThat(themes.json()).hasSize(1);
        var theme = themes.json().get(0);
        assertThat(theme.get("name").asString()).isEqualTo("Default");
        assertThat(theme.get("default").asBoolean()).isTrue();
        assertThat(theme.get("mode").asString()).isEqualTo("light");
        assertThat(theme.get("tokens")).isEqualTo(JSON.valueToTree(ThemeTokens.LIGHT.asMap()));
        assertThat(theme.get("tokens").get("brand").asString()).isEqualTo("#2f5bd3");
        assertThat(jdbc.sql("""
                select count(*) from spaces s
                where (select count(*) from themes t where t.space_id = s.id and t.is_default) <> 1""")
                .query(Integer.class).single()).as("spaces without exactly one default, the admin space included")
                .isZero();
    }

    @Test
    void aThemeIsCreatedReadChangedAndDeleted() {
        String name = TestSpaces.unique("Ocean");
        var created = admin.post("/api/v1/themes", "{\"name\":\"" + name + "\",\"mode\":\"light\","
                + "\"tokens\":{\"brand\":\"#0E7490\",\"radius\":12}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/api/v1/themes/" + id);
        assertThat(created.json().get("default").asBoolean()).isFalse();
        var tokens = created.json().get("tokens");
        assertThat(tokens.get("brand").asString()).as("colours are kept in lower case").isEqualTo("#0e7490");
        assertThat(tokens.get("radius").asInt()).isEqualTo(12);
        assertThat(tokens.get("text").asString()).as("left out: the light default").isEqualTo(ThemeTokens.LIGHT.text());
        assertThat(tokens.get("spacing").asInt()).isEqualTo(8);

        assertThat(admin.get("/api/v1/themes/" + id).json().get("name").asString()).isEqualTo(name);
        var names = admin.get("/api/v1/themes").json().findValuesAsString("name");
        assertThat(names).contains("Default", name);
        assertThat(names).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);

        var changed = admin.patch("/api/v1/themes/" + id, "{\"tokens\":{\"spacing\":12,\"font\":\"Georgia, serif\"}}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("name").asString()).isEqualTo(name);
        assertThat(changed.json().get("tokens").get("spacing").asInt()).isEqualTo(12);
        assertThat(changed.json().get("tokens").get("font").asString()).isEqualTo("Georgia, serif");
        assertThat(changed.json().get("tokens").get("brand").asString()).as("not named: kept").isEqualTo("#0e7490");
        var renamed = admin.patch("/api/v1/themes/" + id, "{\"name\":\"" + name + " 2\",\"mode\":\"dark\"}");
        assertThat(renamed.json().get("mode").asString()).isEqualTo("dark");
        assertThat(renamed.json().get("tokens").get("spacing").asInt()).isEqualTo(12);

        assertThat(admin.delete("/api/v1/themes/" + id).status()).isEqualTo(204);
        var gone = admin.get("/api/v1/themes/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("code").asString()).isEqualTo("theme.not_found");
    }

    @Test
    void aDarkThemeMadeWithoutTokensIsReadableFromTheStart() {
        var created = admin.post("/api/v1/themes", "{\"name\":\"" + TestSpaces.unique("Night") + "\",\"mode\":\"dark\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var tokens = created.json().get("tokens");
        assertThat(tokens).isEqualTo(JSON.valueToTree(ThemeTokens.DARK.asMap()));
        assertThat(luminance(tokens.get("surface").asString())).isLessThan(0.2);
        assertThat(luminance(tokens.get("text").asString())).isGreaterThan(0.7);
    }

    @Test
    void invalidValuesAreFieldErrorsAndChangeNothing() {
        String name = TestSpaces.unique("Strict");
        String id = created(admin.post("/api/v1/themes", "{\"name\":\"" + name + "\"}"));
        String before = admin.get("/api/v1/themes/" + id).body();

        var bad = admin.patch("/api/v1/themes/" + id, """
                {"tokens": {"brand": "red", "border": "#12345", "font": "Arial; background: url(x)",
                            "radius": 25, "spacing": 1, "shadow": "#000000"}}""");

        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.json().get("code").asString()).isEqualTo("theme.invalid_tokens");
        assertThat(fields(bad.json())).containsExactlyInAnyOrder("tokens.brand", "tokens.border", "tokens.font",
                "tokens.radius", "tokens.spacing", "tokens.shadow");
        assertThat(admin.get("/api/v1/themes/" + id).body()).isEqualTo(before);

        var quotes = admin.patch("/api/v1/themes/" + id, "{\"tokens\":{\"font\":\"\\\"Open Sans, sans-serif\"}}");
        assertThat(quotes.status()).as("an unclosed quote").isEqualTo(400);
        var mode = admin.patch("/api/v1/themes/" + id, "{\"mode\":\"sepia\"}");
        assertThat(fields(mode.json())).containsExactly("mode");
        var blank = admin.post("/api/v1/themes", "{\"name\":\"  \"}");
        assertThat(fields(blank.json())).containsExactly("name");
        var taken = admin.post("/api/v1/themes", "{\"name\":\"" + name.toUpperCase() + "\"}");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("code").asString()).isEqualTo("theme.name_taken");
        assertThat(admin.get("/api/v1/themes/" + id).body()).isEqualTo(before);
    }

    @Test
    void everyMemberReadsThemesButOnlyAdminsAndGroupsWithTheThemesAccessManageThem() {
        var member = space.enabledUser("member");
        var token = member.token(port, "apps:read", "themes:write");
        String theme = created(admin.post("/api/v1/themes", "{\"name\":\"" + TestSpaces.unique("Shared") + "\"}"));

        assertThat(token.get("/api/v1/themes").status()).isEqualTo(200);
        assertThat(token.get("/api/v1/themes/" + theme).status()).isEqualTo(200);
        var refused = token.post("/api/v1/themes", "{\"name\":\"" + TestSpaces.unique("Mine") + "\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asString()).isEqualTo("access.denied");
        assertThat(token.patch("/api/v1/themes/" + theme, "{\"tokens\":{\"brand\":\"#000000\"}}").status())
                .isEqualTo(403);
        assertThat(token.post("/api/v1/themes/" + theme + "/default", null).status()).isEqualTo(403);
        assertThat(token.delete("/api/v1/themes/" + theme).status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/themes/" + theme).json().get("tokens").get("brand").asString())
                .isEqualTo(ThemeTokens.LIGHT.brand());

        String designers = space.group("Designers");
        space.addMember(designers, member.id());
        space.saveAccess(designers, AccessJson.access().additional("THEMES").json());
        var allowed = token.patch("/api/v1/themes/" + theme, "{\"tokens\":{\"brand\":\"#000000\"}}");
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);

        var readOnly = member.token(port, "apps:read");
        var scope = readOnly.post("/api/v1/themes", "{\"name\":\"" + TestSpaces.unique("Scope") + "\"}");
        assertThat(scope.status()).isEqualTo(403);
        assertThat(scope.json().get("code").asString()).isEqualTo("access.insufficient_scope");
    }

    @Test
    void theDefaultCannotBeDeletedAndMovesWhenAnotherThemeBecomesTheDefault() {
        var fresh = TestSpaces.create(port, "Defaults");
        var api = fresh.api();
        String first = api.get("/api/v1/themes").json().get(0).get("id").asString();
        String second = created(api.post("/api/v1/themes", "{\"name\":\"Second\"}"));

        var refused = api.delete("/api/v1/themes/" + first);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("theme.default_in_use");

        var made = api.post("/api/v1/themes/" + second + "/default", null);
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        assertThat(made.json().get("default").asBoolean()).isTrue();
        var defaults = api.get("/api/v1/themes").json().findValues("default");
        assertThat(defaults.stream().filter(JsonNode::asBoolean)).hasSize(1);
        assertThat(api.get("/api/v1/themes/" + first).json().get("default").asBoolean()).isFalse();
        assertThat(api.delete("/api/v1/themes/" + first).status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/themes/" + second).status()).isEqualTo(409);
    }

    @Test
    void everyChangeToAThemeIsAudited() {
        String id = created(admin.post("/api/v1/themes", "{\"name\":\"" + TestSpaces.unique("Audited") + "\"}"));
        admin.patch("/api/v1/themes/" + id, "{\"tokens\":{\"brand\":\"#112233\"}}");
        String previousDefault = admin.get("/api/v1/themes").json().findParents("default").stream()
                .filter(theme -> theme.get("default").asBoolean()).findFirst().orElseThrow().get("id").asString();
        admin.post("/api/v1/themes/" + id + "/default", null);
        admin.post("/api/v1/themes/" + previousDefault + "/default", null);
        admin.delete("/api/v1/themes/" + id);

        var actions = jdbc.sql("select action from audit_entries where target_type = 'theme' and target_id = ? "
                + "and space_id = ? order by id").params(id, UUID.fromString(space.id())).query(String.class).list();
        assertThat(actions).containsExactly("theme.created", "theme.changed", "theme.made_default", "theme.deleted");
        String change = jdbc.sql("select after_state from audit_entries where target_id = ? and action = 'theme.changed'")
                .param(id).query(String.class).single();
        assertThat(change).contains("#112233");
    }

    @Test
    void aDocumentNamesOnlyAThemeOfItsSpaceAndKeepsOneDeletedSince() {
        String app = space.app("Styled", null);
        String theme = created(admin.post("/api/v1/themes", "{\"name\":\"" + TestSpaces.unique("Mine") + "\"}"));
        var other = TestSpaces.create(port, "Other");
        String foreign = other.api().get("/api/v1/themes").json().get(0).get("id").asString();

        for (String wrong : List.of("\"Ocean\"", "\"" + foreign + "\"", "\"" + UUID.randomUUID() + "\"")) {
            var refused = saveDocument(app, wrong);
            assertThat(refused.status()).as(wrong).isEqualTo(400);
            assertThat(refused.json().get("code").asString()).isEqualTo("app.document_invalid");
            assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("/settings/theme");
            assertThat(refused.json().get("errors").get(0).get("code").asString())
                    .isEqualTo("document.unknown_theme");
        }
        assertThat(saveDocument(app, "\"" + theme + "\"").status()).isEqualTo(200);
        assertThat(bundleTheme(app).get("id").asString()).isEqualTo(theme);

        assertThat(admin.delete("/api/v1/themes/" + theme).status()).isEqualTo(204);
        var bundle = bundleTheme(app);
        assertThat(bundle.get("name").asString()).as("a deleted theme's apps wear the default").isEqualTo("Default");
        assertThat(saveDocument(app, "\"" + theme + "\"").status())
                .as("the builder's next save does not fail over someone else's deletion").isEqualTo(200);
        assertThat(saveDocument(app, "null").status()).isEqualTo(200);
        assertThat(saveDocument(app, "\"" + theme + "\"").status()).as("but it cannot be chosen again").isEqualTo(400);
    }

    @Test
    void aThemeChangeRestylesAReleasedAppAtItsNextLoad() {
        String app = space.app("Released", null);
        String theme = created(admin.post("/api/v1/themes", "{\"name\":\"" + TestSpaces.unique("Brand") + "\","
                + "\"tokens\":{\"brand\":\"#aa0000\"}}"));
        assertThat(saveDocument(app, "\"" + theme + "\"").status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/apps/" + app + "/releases", "{\"bump\":\"major\",\"notes\":\"one\"}").status())
                .isEqualTo(201);
        assertThat(bundleTheme(app).get("tokens").get("brand").asString()).isEqualTo("#aa0000");

        admin.patch("/api/v1/themes/" + theme, "{\"tokens\":{\"brand\":\"#00aa00\"},\"mode\":\"dark\"}");

        var bundle = bundleTheme(app);
        assertThat(bundle.get("tokens").get("brand").asString()).isEqualTo("#00aa00");
        assertThat(bundle.get("mode").asString()).isEqualTo("dark");
    }

    private ApiClient.Response saveDocument(String app, String theme) {
        int version = admin.get("/api/v1/apps/" + app + "/document").json().get("version").asInt();
        return admin.send("PUT", "/api/v1/apps/" + app + "/document", "{\"version\":" + version + ",\"document\":"
                + "{\"schemaVersion\":1,\"pages\":[{\"id\":\"home\",\"title\":\"Home\",\"components\":[]}],"
                + "\"settings\":{\"theme\":" + theme + "}}}");
    }

    private JsonNode bundleTheme(String app) {
        var bundle = admin.get("/api/v1/apps/" + app + "/runtime");
        assertThat(bundle.status()).as(bundle.body()).isEqualTo(200);
        return bundle.json().get("theme");
    }

    private static List<String> fields(JsonNode problem) {
        return problem.get("errors").findValuesAsString("field");
    }

    private static String created(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private static double luminance(String colour) {
        int red = Integer.parseInt(colour.substring(1, 3), 16);
        int green = Integer.parseInt(colour.substring(3, 5), 16);
        int blue = Integer.parseInt(colour.substring(5, 7), 16);
        return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255;
    }

    @Test
    void aSpaceCopyingFromTheAdminSpaceGetsItsThemesAndDefaultAndTheCopyStaysIndependent() {
        var instance = new ApiClient(port, Admin.token(port, "spaces:read", "spaces:write", "apps:read", "themes:write"));
        String name = TestSpaces.unique("Corporate");
        String corporate = instance.post("/api/v1/themes", "{\"name\":\"" + name + "\",\"mode\":\"dark\","
                + "\"tokens\":{\"brand\":\"#aa3300\"}}").json().get("id").asString();
        String adminDefault = defaultThemeId(instance);
        try {
            assertThat(instance.post("/api/v1/themes/" + corporate + "/default", null).status()).isEqualTo(200);
            String child = instance.post("/api/v1/spaces", "{\"name\":\"" + TestSpaces.unique("Copies themes")
                    + "\",\"copyFromAdminSpace\":true}").json().get("id").asString();

            var copied = themesOf(child);
            assertThat(copied).extracting(row -> row.get("name")).contains(name, "Default");
            var copy = copied.stream().filter(row -> row.get("name").equals(name)).findFirst().orElseThrow();
            assertThat(copy.get("id")).as("a copy has its own id").isNotEqualTo(UUID.fromString(corporate));
            assertThat(copy.get("mode")).isEqualTo("dark");
            assertThat(copy.get("tokens").toString()).contains("#aa3300");
            assertThat(copy.get("is_default")).isEqualTo(true);
            assertThat(jdbc.sql("select count(*) from audit_entries where space_id = ? and action = 'theme.created'")
                    .param(UUID.fromString(child)).query(Long.class).single()).as("audited on the child's chain")
                    .isGreaterThanOrEqualTo(1);

            instance.send("PATCH", "/api/v1/themes/" + corporate, "{\"tokens\":{\"brand\":\"#0000ff\"}}");
            assertThat(themesOf(child).stream().filter(row -> row.get("name").equals(name)).findFirst().orElseThrow()
                    .get("tokens").toString()).as("a copy is a copy").contains("#aa3300");

            instance.post("/api/v1/spaces/" + child + "/copy-from-admin-space", null);
            var again = themesOf(child).stream().filter(row -> row.get("name").equals(name)).toList();
            assertThat(again).as("copying again updates the theme of the same name").hasSize(1);
            assertThat(again.get(0).get("id")).isEqualTo(copy.get("id"));
            assertThat(again.get(0).get("tokens").toString()).contains("#0000ff");
        } finally {
            instance.post("/api/v1/themes/" + adminDefault + "/default", null);
            instance.send("DELETE", "/api/v1/themes/" + corporate, null);
        }
    }

    private String defaultThemeId(ApiClient client) {
        for (JsonNode theme : client.get("/api/v1/themes").json()) {
            if (theme.get("default").asBoolean()) {
                return theme.get("id").asString();
            }
        }
        throw new AssertionError("no default theme");
    }

    private List<java.util.Map<String, Object>> themesOf(String space) {
        return jdbc.sql("select id, name, mode, tokens::text as tokens, is_default from themes where space_id = ?")
                .param(UUID.fromString(space)).query().listOfRows();
    }
}
