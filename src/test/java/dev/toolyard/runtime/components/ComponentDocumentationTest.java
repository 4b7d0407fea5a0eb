package dev.toolyard.runtime.components;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/components.md documents every component type of the catalog (T-AP5): its property table is
 * the catalog's, row for row, and each event and output is described. A property added to the
 * catalog without documentation, or a changed default, fails here.
 */
class ComponentDocumentationTest {

    static final JsonNode CATALOG = catalog();
    private static final Path DOCUMENT = Path.of("docs", "components.md");

    static JsonNode catalog() {
        try (InputStream in = ComponentDocumentationTest.class.getClassLoader().getResourceAsStream("static/runtime/catalog.json")) {
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<String> types() {
        List<String> types = new ArrayList<>();
        CATALOG.path("types").propertyNames().forEach(types::add);
        return types.stream();
    }

    @ParameterizedTest
    @MethodSource("types")
    void eachTypeHasASectionWithTheCatalogsPropertyTableEventsAndOutputs(String type) throws IOException {
        String section = section(type);
        JsonNode declared = CATALOG.path("types").path(type);
        assertThat(propertyRows(section)).as("property rows of %s in %s", type, DOCUMENT).isEqualTo(expectedRows(declared.path("properties")));
        for (JsonNode event : declared.path("events")) {
            assertThat(section).as("event %s of %s", event.asString(), type).contains("- `" + event.asString() + "`: ");
        }
        for (JsonNode output : declared.path("outputs")) {
            assertThat(section).as("output %s of %s", output.asString(), type).contains("- `" + output.asString() + "`: ");
        }
        assertThat(section).as("example of %s", type).contains("```json").contains("\"type\": \"" + type + "\"");
    }

    @Test
    void commonPropertiesAreDocumentedBeforeTheTypes() throws IOException {
        String document = Files.readString(DOCUMENT);
        String preamble = document.substring(0, document.indexOf("\n## "));
        assertThat(propertyRows(preamble)).isEqualTo(expectedRows(CATALOG.path("common").path("properties")));
    }

    @Test
    void documentHasNoSectionForATypeTheCatalogLacks() throws IOException {
        List<String> sections = Files.readString(DOCUMENT).lines().filter(line -> line.startsWith("## "))
                .map(line -> line.substring(3).trim()).toList();
        assertThat(sections).containsExactlyElementsOf(types().toList());
    }

    private static String section(String type) throws IOException {
        String document = Files.readString(DOCUMENT);
        int start = document.indexOf("\n## " + type + "\n");
        assertThat(start).as("section ## %s in %s", type, DOCUMENT).isNotNegative();
        int end = document.indexOf("\n## ", start + 1);
        return document.substring(start, end < 0 ? document.length() : end);
    }

    private static List<String> propertyRows(String text) {
        return text.lines().filter(line -> line.startsWith("| `")).toList();
    }

    private static List<String> expectedRows(JsonNode properties) {
        List<String> rows = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            JsonNode spec = property.getValue();
            rows.add("| `" + property.getKey() + "` | " + type(spec) + " | `" + spec.path("default") + "` | "
                    + spec.path("description").asString() + " |");
        }
        return rows;
    }

    private static String type(JsonNode spec) {
        String type = spec.path("type").asString();
        if ("enum".equals(type)) {
            List<String> values = new ArrayList<>();
            spec.path("values").forEach(value -> values.add(value.asString()));
            return "one of " + String.join(", ", values);
        }
        if (spec.has("min") && spec.has("max")) {
            return type + ", " + spec.path("min") + " to " + spec.path("max");
        }
        if (spec.has("min")) {
            return type + ", at least " + spec.path("min");
        }
        if (spec.has("max")) {
            return type + ", at most " + spec.path("max");
        }
        return type;
    }
}
