package dev.toolyard.access;

import static dev.toolyard.testing.AccessJson.access;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.toolyard.testing.AccessJson;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.ConsoleSession;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;
import tools.jackson.databind.JsonNode;

/**
 * The access rules T-A1–T-A8, T-G1–T-G3 and T-U3, one test per rule, through the public API so
 * the whole HTTP path is exercised. Rules that combine are tables; each row builds its own
 * groups, users and objects, so rows never see each other's grants. Tests share one space,
 * except where a rule reaches every user of a space (All Users).
 */
@ToolyardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessRulesTest {

    @LocalServerPort
    int port;

    private TestSpace space;
    /** An enabled member of the Builders group, with a token; each row sets Builders' access. */
    private ApiClient builder;
    private String builders;

    @BeforeAll
    void sharedSpace() {
        space = TestSpaces.create(port, "Rules");
        builders = space.group("Builders");
        var person = space.enabledUser("builder");
        space.addMember(builders, person.id());
        builder = person.token(port, "apps:read", "apps:write", "resources:read", "resources:write");
    }

    /** Regression: a PATCH that only renames answered 400 request.type_mismatch for the missing "move". */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "apps", "resources" })
    void renamingWithoutSayingMoveRenamesInPlace(String collection) {
        boolean apps = collection.equals("apps");
        String folder = apps ? space.folder("Stays") : space.resourceFolder("Stays");
        String id = apps ? space.app("Before", folder) : space.resource("Before", folder);
        String name = TestSpaces.unique("After");

        var renamed = space.api().patch("/api/v1/" + collection + "/" + id, "{\"name\":\"" + name + "\"}");

        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("name").asString()).isEqualTo(name);
        assertThat(renamed.json().get("folderId").asString()).isEqualTo(folder);
    }

    /**
     * Regression: a new resource came back with level null, as the caller's level was read from
     * the snapshot taken before the resource existed in the same transaction.
     */
    @Test
    void aNewResourceComesBackWithTheCreatorsLevelOnIt() {
        var created = space.api().post("/api/v1/resources", "{\"name\":\"" + TestSpaces.unique("Fresh")
                + "\",\"kind\":\"REST\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(TestSpace.text(created.json().get("level"))).as("Admin edits every resource").isEqualTo("EDIT");
    }
}
