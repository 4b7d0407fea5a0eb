package dev.toolyard.runtime.components;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;

/**
 * Issue 5 requires each component's documented properties and events to be exercised at least
 * once in a browser: every property, event and output the catalog declares for a type must be
 * claimed by an {@link Exercises} on a test of {@link ComponentsBrowserTest} (or, for the module
 * component, of {@link ModulesBrowserTest}). (The common
 * {@code hidden} property is the runtime's, tested with the runtime.)
 */
class ComponentCatalogCoverageTest {

    static List<String> types() {
        return ComponentDocumentationTest.types().toList();
    }

    @ParameterizedTest
    @MethodSource("types")
    void everyPropertyEventAndOutputOfTheTypeIsExercisedInTheBrowser(String type) {
        JsonNode declared = ComponentDocumentationTest.CATALOG.path("types").path(type);
        assertThat(claimed(type, Exercises::properties)).as("properties of %s exercised in ComponentsBrowserTest", type)
                .containsAll(names(declared.path("properties").propertyNames()));
        assertThat(claimed(type, Exercises::events)).as("events of %s exercised", type).containsAll(names(declared.path("events")));
        assertThat(claimed(type, Exercises::outputs)).as("outputs of %s exercised", type).containsAll(names(declared.path("outputs")));
    }

    @Test
    void testsClaimOnlyTypesPropertiesEventsAndOutputsTheCatalogHas() {
        for (Exercises exercises : all()) {
            JsonNode declared = ComponentDocumentationTest.CATALOG.path("types").path(exercises.type());
            assertThat(declared.isMissingNode()).as("type %s", exercises.type()).isFalse();
            assertThat(names(declared.path("properties").propertyNames())).containsAll(Arrays.asList(exercises.properties()));
            assertThat(names(declared.path("events"))).containsAll(Arrays.asList(exercises.events()));
            assertThat(names(declared.path("outputs"))).containsAll(Arrays.asList(exercises.outputs()));
        }
    }

    private static Set<String> claimed(String type, java.util.function.Function<Exercises, String[]> part) {
        Set<String> names = new LinkedHashSet<>();
        for (Exercises exercises : all()) {
            if (exercises.type().equals(type)) {
                names.addAll(Arrays.asList(part.apply(exercises)));
            }
        }
        return names;
    }

    private static List<Exercises> all() {
        List<Exercises> all = new ArrayList<>();
        for (Class<?> test : List.of(ComponentsBrowserTest.class, ModulesBrowserTest.class)) {
            for (Method method : test.getDeclaredMethods()) {
                all.addAll(Arrays.asList(method.getAnnotationsByType(Exercises.class)));
            }
        }
        return all;
    }

    private static Set<String> names(Iterable<?> values) {
        Set<String> names = new LinkedHashSet<>();
        for (Object value : values) {
            names.add(value instanceof JsonNode ? ((JsonNode) value).asString() : value.toString());
        }
        return names;
    }
}
