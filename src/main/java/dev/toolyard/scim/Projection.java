package dev.toolyard.scim;

import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code attributes} and {@code excludedAttributes} (RFC 7644 §3.4.2.5): which attributes a
 * response carries. {@code id} and {@code schemas} always; a resource's expensive attributes
 * (a group's members) are only read when wanted.
 */
record Projection(List<AttributePath> attributes, List<AttributePath> excluded) {

    static final Projection ALL = new Projection(List.of(), List.of());

    static Projection of(String attributes, String excludedAttributes) {
        return new Projection(FilterParser.splitList(attributes).stream()
                .map(name -> AttributePath.parse(name, Scim.INVALID_VALUE)).toList(),
                FilterParser.splitList(excludedAttributes).stream()
                        .map(name -> AttributePath.parse(name, Scim.INVALID_VALUE)).toList());
    }

    /** Whether the top-level attribute (e.g. "members") is in the response. */
    boolean wants(String attribute) {
        if (!attributes.isEmpty()) {
            return attributes.stream().anyMatch(path -> !isExtension(path) && path.attribute().equalsIgnoreCase(attribute));
        }
        return excluded.stream().noneMatch(path -> !isExtension(path) && path.subAttribute() == null
                && path.attribute().equalsIgnoreCase(attribute));
    }

    ObjectNode apply(ObjectNode resource, String extensionSchema) {
        if (attributes.isEmpty() && excluded.isEmpty()) {
            return resource;
        }
        if (!attributes.isEmpty()) {
            var out = resource.objectNode();
            for (var field : List.of("schemas", "id")) {
                if (resource.has(field)) {
                    out.set(field, resource.get(field));
                }
            }
            for (var path : attributes) {
                copy(resource, out, path, extensionSchema);
            }
            return out;
        }
        for (var path : excluded) {
            if (extensionSchema != null && path.inSchema(extensionSchema) && resource.get(extensionSchema) instanceof ObjectNode ext) {
                remove(ext, path.attribute());
            } else if (!List.of("id", "schemas").contains(path.attribute().toLowerCase(Locale.ROOT))) {
                if (path.subAttribute() != null && field(resource, path.attribute()) instanceof ObjectNode complex) {
                    remove(complex, path.subAttribute());
                } else {
                    remove(resource, path.attribute());
                }
            }
        }
        return resource;
    }

    private static void copy(ObjectNode from, ObjectNode to, AttributePath path, String extensionSchema) {
        if (extensionSchema != null && path.inSchema(extensionSchema)) {
            if (from.get(extensionSchema) instanceof ObjectNode ext) {
                var value = field(ext, path.attribute());
                if (value != null) {
                    var target = to.get(extensionSchema) instanceof ObjectNode existing ? existing
                            : to.putObject(extensionSchema);
                    target.set(key(ext, path.attribute()), value);
                }
            }
            return;
        }
        var value = field(from, path.attribute());
        if (value == null) {
            return;
        }
        String key = key(from, path.attribute());
        if (path.subAttribute() != null && value instanceof ObjectNode complex) {
            var sub = field(complex, path.subAttribute());
            if (sub != null) {
                var target = to.get(key) instanceof ObjectNode existing ? existing : to.putObject(key);
                target.set(key(complex, path.subAttribute()), sub);
            }
        } else {
            to.set(key, value);
        }
    }

    private boolean isExtension(AttributePath path) {
        return path.schema() != null && !path.inSchema(Scim.USER) && !path.inSchema(Scim.GROUP);
    }

    private static JsonNode field(ObjectNode object, String name) {
        return ValueFilters.field(object, name);
    }

    private static String key(ObjectNode object, String name) {
        for (var property : object.propertyNames()) {
            if (property.equalsIgnoreCase(name)) {
                return property;
            }
        }
        return name;
    }

    private static void remove(ObjectNode object, String name) {
        object.remove(key(object, name));
    }
}
