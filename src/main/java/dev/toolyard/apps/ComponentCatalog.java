package dev.toolyard.apps;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The component catalog the browser runtime also reads ({@code static/runtime/catalog.json}):
 * each type's properties with their value types, its events, and whether it holds children.
 * Read once at start, so a catalog the server cannot read stops the start instead of letting
 * documents through unchecked.
 */
@Component
class ComponentCatalog {

    static final String LOCATION = "static/runtime/catalog.json";

    /** A property's declared type: string, enum, integer, number, boolean, array or any. */
    record Property(String type, List<String> values, Double min, Double max) {
    }

    record Type(String name, boolean container, Map<String, Property> properties, Set<String> events) {
    }

    private final Map<String, Type> types;

    ComponentCatalog(JsonMapper json) {
        try (InputStream in = new ClassPathResource(LOCATION).getInputStream()) {
            this.types = read(json.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("The component catalog " + LOCATION + " cannot be read", e);
        }
    }

    Optional<Type> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    Set<String> typeNames() {
        return types.keySet();
    }

    private static Map<String, Type> read(JsonNode catalog) {
        var common = properties(catalog.path("common").path("properties"));
        var types = new LinkedHashMap<String, Type>();
        for (var entry : catalog.path("types").properties()) {
            var definition = entry.getValue();
            var properties = new LinkedHashMap<String, Property>(common);
            properties.putAll(properties(definition.path("properties")));
            var events = new LinkedHashSet<String>();
            definition.path("events").forEach(event -> events.add(event.asString()));
            types.put(entry.getKey(), new Type(entry.getKey(), definition.path("container").asBoolean(false),
                    Map.copyOf(properties), Set.copyOf(events)));
        }
        if (types.isEmpty()) {
            throw new IllegalStateException("The component catalog " + LOCATION + " declares no types");
        }
        return Map.copyOf(types);
    }

    private static Map<String, Property> properties(JsonNode declared) {
        var properties = new LinkedHashMap<String, Property>();
        for (var entry : declared.properties()) {
            var property = entry.getValue();
            var values = new ArrayList<String>();
            property.path("values").forEach(value -> values.add(value.asString()));
            properties.put(entry.getKey(), new Property(property.path("type").asString("any"), List.copyOf(values),
                    property.hasNonNull("min") ? property.get("min").asDouble() : null,
                    property.hasNonNull("max") ? property.get("max").asDouble() : null));
        }
        return properties;
    }
}
