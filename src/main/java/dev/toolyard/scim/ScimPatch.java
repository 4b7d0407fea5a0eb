package dev.toolyard.scim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.toolyard.scim.FilterParser.PatchPath;
import dev.toolyard.scim.SchemaAttribute.Mutability;
import dev.toolyard.scim.ScimSchemas.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 7644 §3.5.2's PATCH on a resource's writable JSON form: add, replace and remove, with and
 * without a path, value filters ({@code emails[type eq "work"].value}, {@code members[value eq
 * "…"]}) and the extension's URN prefix. The result is then saved like a PUT, so both share one
 * validation. What identity providers send in practice is accepted too: operation names in any
 * case, a path-less value whose keys are paths ({@code "name.givenName"}), and "remove members"
 * with the members to remove as the value.
 */
final class ScimPatch {

    private final Schema core;
    private final Schema extension;

    ScimPatch(Schema core, Schema extension) {
        this.core = core;
        this.extension = extension;
    }

    void apply(ObjectNode resource, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ScimErrors.invalid(Scim.INVALID_SYNTAX, "A PATCH body is a PatchOp message.");
        }
        var operations = body.get("Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimErrors.invalid(Scim.INVALID_SYNTAX, "A PatchOp message needs at least one of its Operations.");
        }
        for (var operation : operations) {
            if (!operation.isObject() || operation.get("op") == null || !operation.get("op").isString()) {
                throw ScimErrors.invalid(Scim.INVALID_SYNTAX, "Each operation needs an 'op'.");
            }
            String op = operation.get("op").asString().toLowerCase(Locale.ROOT);
            if (!List.of("add", "replace", "remove").contains(op)) {
                throw ScimErrors.invalid(Scim.INVALID_SYNTAX, "'" + operation.get("op").asString()
                        + "' is not a PATCH operation (add, replace, remove).");
            }
            var path = operation.get("path");
            if (path != null && !path.isNull() && !path.isString()) {
                throw ScimErrors.invalid(Scim.INVALID_PATH, "'path' is a string.");
            }
            var value = operation.get("value");
            if (!op.equals("remove") && (value == null || value.isNull())) {
                throw ScimErrors.invalid(Scim.INVALID_VALUE, "'" + op + "' needs a value.");
            }
            apply(resource, op, path == null || path.isNull() ? null : path.asString(), value);
        }
    }

    private void apply(ObjectNode resource, String op, String pathText, JsonNode value) {
        if (pathText == null || pathText.isBlank()) {
            if (op.equals("remove")) {
                throw ScimErrors.invalid(Scim.NO_TARGET, "'remove' needs a path.");
            }
            if (!value.isObject()) {
                throw ScimErrors.invalid(Scim.INVALID_VALUE, "Without a path, the value is an object of attributes.");
            }
            for (var entry : value.properties()) {
                if (extension != null && entry.getKey().equalsIgnoreCase(extension.id())) {
                    applyExtensionObject(resource, op, entry.getValue());
                } else if (!entry.getKey().equalsIgnoreCase("schemas")) {
                    apply(resource, op, entry.getKey(), entry.getValue());
                }
            }
            return;
        }
        if (extension != null && pathText.strip().equalsIgnoreCase(extension.id())) {
            if (op.equals("remove")) {
                resource.remove(extension.id());
            } else {
                applyExtensionObject(resource, op, value);
            }
            return;
        }
        var path = FilterParser.parsePatchPath(pathText);
        var target = target(resource, path.path());
        var definition = target.definition();
        if (definition.mutability() == Mutability.READ_ONLY) {
            throw ScimErrors.mutability("'" + definition.name() + "' is read-only.");
        }
        if (definition.multiValued()) {
            multiValued(target.container(), definition, op, path, value);
        } else if (path.filter() != null) {
            throw ScimErrors.invalid(Scim.INVALID_PATH, "'" + definition.name() + "' has a single value: no filter.");
        } else if (path.path().subAttribute() != null) {
            var sub = subAttribute(definition, path.path().subAttribute());
            if (sub.mutability() == Mutability.READ_ONLY) {
                throw ScimErrors.mutability("'" + definition.name() + "." + sub.name() + "' is read-only.");
            }
            var complex = objectAt(target.container(), definition.name());
            if (op.equals("remove")) {
                complex.remove(sub.name());
            } else {
                complex.set(sub.name(), value);
            }
        } else if (definition.type() == SchemaAttribute.Type.COMPLEX) {
            if (op.equals("remove")) {
                target.container().remove(definition.name());
            } else {
                if (!value.isObject()) {
                    throw ScimErrors.invalidValue("'" + definition.name() + "' takes an object.");
                }
                var complex = objectAt(target.container(), definition.name());
                for (var entry : value.properties()) {
                    var sub = subAttribute(definition, entry.getKey());
                    if (sub.mutability() != Mutability.READ_ONLY) {
                        complex.set(sub.name(), entry.getValue());
                    }
                }
            }
        } else if (op.equals("remove")) {
            if (definition.required()) {
                throw ScimErrors.invalidValue("'" + definition.name() + "' is required and cannot be removed.");
            }
            target.container().remove(definition.name());
        } else {
            target.container().set(definition.name(), value);
        }
    }

    private void applyExtensionObject(ObjectNode resource, String op, JsonNode value) {
        if (!value.isObject()) {
            throw ScimErrors.invalidValue("'" + extension.id() + "' takes an object.");
        }
        for (var entry : value.properties()) {
            apply(resource, op, extension.id() + ":" + entry.getKey(), entry.getValue());
        }
    }

    private void multiValued(ObjectNode container, SchemaAttribute definition, String op, PatchPath path,
            JsonNode value) {
        String sub = path.path().subAttribute() != null ? path.path().subAttribute() : path.subAttribute();
        SchemaAttribute subDefinition = sub == null ? null : subAttribute(definition, sub);
        var existing = container.get(definition.name()) instanceof ArrayNode array ? array : null;
        if (path.filter() == null && subDefinition == null) {
            switch (op) {
                case "add" -> {
                    var array = existing != null ? existing : container.putArray(definition.name());
                    for (var element : elements(value)) {
                        if (!containsSame(array, element)) {
                            array.add(element);
                        }
                    }
                }
                case "replace" -> {
                    var array = container.putArray(definition.name());
                    elements(value).forEach(array::add);
                }
                default -> {
                    if (value == null || value.isNull()) {
                        container.remove(definition.name());
                    } else if (existing != null) {
                        for (var element : elements(value)) {
                            removeSame(existing, element);
                        }
                    }
                }
            }
            return;
        }
        var matched = new ArrayList<ObjectNode>();
        if (existing != null) {
            for (var element : existing) {
                if (element instanceof ObjectNode object && (path.filter() == null
                        || ValueFilters.matches(path.filter(), object, definition))) {
                    matched.add(object);
                }
            }
        }
        if (subDefinition != null && subDefinition.mutability() == Mutability.READ_ONLY) {
            throw ScimErrors.mutability("'" + definition.name() + "." + subDefinition.name() + "' is read-only.");
        }
        if (matched.isEmpty()) {
            if (op.equals("remove") || path.filter() == null) {
                throw ScimErrors.invalid(Scim.NO_TARGET, "No value of '" + definition.name() + "' matches '"
                        + path.path() + "'.");
            }
            var created = ValueFilters.elementOf(path.filter()).orElseThrow(() -> ScimErrors.invalid(Scim.NO_TARGET,
                    "No value of '" + definition.name() + "' matches the filter."));
            if (subDefinition != null) {
                created.set(subDefinition.name(), value);
            } else if (value.isObject()) {
                created.setAll((ObjectNode) value);
            }
            (existing != null ? existing : container.putArray(definition.name())).add(created);
            return;
        }
        for (var element : matched) {
            if (subDefinition != null) {
                if (op.equals("remove")) {
                    element.remove(subDefinition.name());
                } else {
                    element.set(subDefinition.name(), value);
                }
            } else if (op.equals("remove")) {
                removeIdentical(existing, element);
            } else if (!value.isObject()) {
                throw ScimErrors.invalidValue("A value of '" + definition.name() + "' is an object.");
            } else {
                if (op.equals("replace")) {
                    element.removeAll();
                }
                element.setAll((ObjectNode) value);
            }
        }
    }

    private record Target(ObjectNode container, SchemaAttribute definition) {
    }

    private Target target(ObjectNode resource, AttributePath path) {
        if (path.schema() != null && !path.inSchema(core.id())) {
            if (extension != null && path.inSchema(extension.id())) {
                var definition = extension.attribute(path.attribute()).orElseThrow(() -> unknown(path));
                return new Target(objectAt(resource, extension.id()), definition);
            }
            throw unknown(path);
        }
        if (path.attribute().equalsIgnoreCase("externalId")) {
            return new Target(resource, SchemaAttribute.text("externalId", "The provider's id").asCaseExact());
        }
        if (Map.of("id", 0, "meta", 0, "schemas", 0).containsKey(path.attribute().toLowerCase(Locale.ROOT))) {
            throw ScimErrors.mutability("'" + path.attribute() + "' is read-only.");
        }
        return new Target(resource, core.attribute(path.attribute()).orElseThrow(() -> unknown(path)));
    }

    private static SchemaAttribute subAttribute(SchemaAttribute definition, String name) {
        return definition.sub(name).orElseThrow(() -> ScimErrors.invalid(Scim.INVALID_PATH,
                "'" + definition.name() + "' has no sub-attribute '" + name + "'."));
    }

    private static RuntimeException unknown(AttributePath path) {
        return ScimErrors.invalid(Scim.INVALID_PATH, "There is no attribute '" + path + "'.");
    }

    private static ObjectNode objectAt(ObjectNode container, String name) {
        return container.get(name) instanceof ObjectNode object ? object : container.putObject(name);
    }

    private static List<JsonNode> elements(JsonNode value) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        var list = new ArrayList<JsonNode>();
        if (value.isArray()) {
            value.forEach(list::add);
        } else {
            list.add(value);
        }
        for (var element : list) {
            if (!element.isObject()) {
                throw ScimErrors.invalidValue("Values of a multi-valued attribute are objects.");
            }
        }
        return list;
    }

    /** The same value: equal "value" sub-attributes where they have one, else equal objects. */
    private static boolean same(JsonNode a, JsonNode b) {
        var va = a.get("value");
        var vb = b.get("value");
        return va != null && vb != null ? va.asString().equalsIgnoreCase(vb.asString()) : a.equals(b);
    }

    private static boolean containsSame(ArrayNode array, JsonNode element) {
        for (var existing : array) {
            if (same(existing, element)) {
                return true;
            }
        }
        return false;
    }

    private static void removeSame(ArrayNode array, JsonNode element) {
        for (int i = array.size() - 1; i >= 0; i--) {
            if (same(array.get(i), element)) {
                array.remove(i);
            }
        }
    }

    private static void removeIdentical(ArrayNode array, JsonNode element) {
        for (int i = array.size() - 1; i >= 0; i--) {
            if (array.get(i) == element) {
                array.remove(i);
            }
        }
    }

    static ObjectNode emptyObject() {
        return JsonNodeFactory.instance.objectNode();
    }
}
