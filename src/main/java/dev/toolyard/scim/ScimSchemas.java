package dev.toolyard.scim;

import static dev.toolyard.scim.SchemaAttribute.complex;
import static dev.toolyard.scim.SchemaAttribute.text;

import java.util.List;
import java.util.Optional;

import dev.toolyard.scim.SchemaAttribute.Type;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schemas Toolyard serves (RFC 7643): core User and Group, and the enterprise User extension,
 * whose attributes become the user's custom attributes (T-U7) under the same names. Attributes a
 * schema does not list are refused in PATCH paths and ignored in POST and PUT bodies.
 */
final class ScimSchemas {

    record Schema(String id, String name, String description, List<SchemaAttribute> attributes) {

        Optional<SchemaAttribute> attribute(String name) {
            return attributes.stream().filter(attribute -> attribute.name().equalsIgnoreCase(name)).findFirst();
        }
    }

    static final Schema USER = new Schema(Scim.USER, "User", "A user of the space", List.of(
            text("userName", "The user's e-mail address, unique in the instance").asRequired().asUnique(),
            complex("name", false, "The user's names",
                    text("formatted", "Given and family name").asReadOnly(),
                    text("givenName", "First name"),
                    text("familyName", "Last name")),
            text("displayName", "The name to show"),
            complex("emails", true, "E-mail addresses",
                    text("value", "An e-mail address"),
                    text("display", "How to show it"),
                    text("type", "work, home or other"),
                    text("primary", "The primary address").ofType(Type.BOOLEAN)),
            text("active", "Whether the user may use the space; false disables them (T-U4)").ofType(Type.BOOLEAN),
            complex("groups", true, "The SCIM groups (custom permission groups) the user is in",
                    text("value", "The group's id").asReadOnly(),
                    text("$ref", "The group's URI").ofType(Type.REFERENCE).asReadOnly(),
                    text("display", "The group's name").asReadOnly(),
                    text("type", "direct").asReadOnly()).asReadOnly()));

    static final Schema ENTERPRISE_USER = new Schema(Scim.ENTERPRISE_USER, "EnterpriseUser",
            "Enterprise User, kept as the user's custom attributes of the same names", List.of(
                    text("employeeNumber", "Custom attribute employeeNumber"),
                    text("costCenter", "Custom attribute costCenter"),
                    text("organization", "Custom attribute organization"),
                    text("division", "Custom attribute division"),
                    text("department", "Custom attribute department"),
                    complex("manager", false, "The user's manager; its id is custom attribute manager",
                            text("value", "The manager's id").asCaseExact(),
                            text("$ref", "The manager's URI").ofType(Type.REFERENCE),
                            text("displayName", "The manager's name").asReadOnly())));

    static final Schema GROUP = new Schema(Scim.GROUP, "Group", "A custom permission group of the space", List.of(
            text("displayName", "The group's name, unique in the space").asRequired().asUnique(),
            complex("members", true, "Users of the space in the group",
                    text("value", "The user's id").asImmutable().asCaseExact(),
                    text("$ref", "The user's URI").ofType(Type.REFERENCE).asImmutable(),
                    text("display", "The user's name").asReadOnly(),
                    text("type", "User").asImmutable())));

    /** The custom attribute keys the enterprise extension writes (manager: its value). */
    static final List<String> ENTERPRISE_KEYS = List.of("employeeNumber", "costCenter", "organization", "division",
            "department", "manager");

    private ScimSchemas() {
    }

    static ObjectNode json(Schema schema, String baseUrl) {
        var factory = JsonNodeFactory.instance;
        var node = factory.objectNode();
        node.putArray("schemas").add(Scim.SCHEMA);
        node.put("id", schema.id());
        node.put("name", schema.name());
        node.put("description", schema.description());
        var attributes = node.putArray("attributes");
        schema.attributes().forEach(attribute -> attributes.add(json(attribute)));
        var meta = node.putObject("meta");
        meta.put("resourceType", "Schema");
        meta.put("location", baseUrl + "/Schemas/" + schema.id());
        return node;
    }

    private static ObjectNode json(SchemaAttribute attribute) {
        var node = JsonNodeFactory.instance.objectNode();
        node.put("name", attribute.name());
        node.put("type", attribute.type().scimName());
        node.put("multiValued", attribute.multiValued());
        node.put("description", attribute.description());
        node.put("required", attribute.required());
        if (attribute.type() == Type.STRING || attribute.type() == Type.REFERENCE) {
            node.put("caseExact", attribute.caseExact());
        }
        node.put("mutability", attribute.mutability().scimName());
        node.put("returned", attribute.returned());
        node.put("uniqueness", attribute.uniqueness());
        if (attribute.type() == Type.REFERENCE) {
            ArrayNode types = node.putArray("referenceTypes");
            types.add("uri");
        }
        if (!attribute.subAttributes().isEmpty()) {
            var subs = node.putArray("subAttributes");
            attribute.subAttributes().forEach(sub -> subs.add(json(sub)));
        }
        return node;
    }
}
