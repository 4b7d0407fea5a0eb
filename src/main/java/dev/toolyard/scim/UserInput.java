package dev.toolyard.scim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A User as a provider sends it (POST, PUT, or the result of a PATCH), checked: what Toolyard
 * keeps of it and nothing else. Attribute names are matched without case, as RFC 7643 says.
 */
record UserInput(String userName, String givenName, String familyName, String displayName, ArrayNode emails,
        boolean active, String externalId, Map<String, String> enterprise) {

    private static final int MAX_TEXT = 2000;

    static UserInput of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ScimErrors.invalid(Scim.INVALID_SYNTAX, "A User is a JSON object.");
        }
        var user = (ObjectNode) body;
        String userName = text(user, "userName");
        if (userName == null || userName.isBlank()) {
            throw ScimErrors.invalidValue("userName is required: the user's e-mail address.");
        }
        String given = null;
        String family = null;
        var name = ValueFilters.field(user, "name");
        if (name != null && !name.isNull()) {
            if (!(name instanceof ObjectNode names)) {
                throw ScimErrors.invalidValue("name is an object.");
            }
            given = text(names, "givenName");
            family = text(names, "familyName");
        }
        var emails = JsonNodeFactory.instance.arrayNode();
        var emailsNode = ValueFilters.field(user, "emails");
        if (emailsNode != null && !emailsNode.isNull()) {
            if (!emailsNode.isArray()) {
                throw ScimErrors.invalidValue("emails is an array.");
            }
            for (var email : emailsNode) {
                if (!(email instanceof ObjectNode object) || text(object, "value") == null) {
                    throw ScimErrors.invalidValue("Each of emails is an object with a value.");
                }
                var kept = JsonNodeFactory.instance.objectNode();
                kept.put("value", text(object, "value"));
                for (String sub : List.of("type", "display")) {
                    if (text(object, sub) != null) {
                        kept.put(sub, text(object, sub));
                    }
                }
                var primary = ValueFilters.field(object, "primary");
                if (primary != null && !primary.isNull()) {
                    kept.put("primary", bool(primary, "emails.primary"));
                }
                emails.add(kept);
            }
        }
        var active = ValueFilters.field(user, "active");
        var enterprise = new LinkedHashMap<String, String>();
        var extension = ValueFilters.field(user, Scim.ENTERPRISE_USER);
        if (extension instanceof ObjectNode ext) {
            for (String key : ScimSchemas.ENTERPRISE_KEYS) {
                var value = ValueFilters.field(ext, key);
                if (key.equals("manager") && value instanceof ObjectNode manager) {
                    value = ValueFilters.field(manager, "value");
                }
                if (value != null && !value.isNull()) {
                    enterprise.put(key, limited(key, scalar(value, key)));
                }
            }
        } else if (extension != null && !extension.isNull()) {
            throw ScimErrors.invalidValue(Scim.ENTERPRISE_USER + " is an object.");
        }
        return new UserInput(userName.strip(), given == null ? "" : given, family == null ? "" : family,
                text(user, "displayName"), emails, active == null || active.isNull() || bool(active, "active"),
                limited("externalId", text(user, "externalId")), enterprise);
    }

    private static String text(ObjectNode object, String name) {
        var value = ValueFilters.field(object, name);
        if (value == null || value.isNull()) {
            return null;
        }
        return scalar(value, name);
    }

    private static String scalar(JsonNode value, String name) {
        if (!value.isString() && !value.isNumber() && !value.isBoolean()) {
            throw ScimErrors.invalidValue(name + " is a string.");
        }
        return value.asString();
    }

    private static String limited(String name, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            throw ScimErrors.invalidValue(name + " is at most " + MAX_TEXT + " characters.");
        }
        return value;
    }

    /** Booleans; some providers send "True" and "False" as strings, which are taken too. */
    static boolean bool(JsonNode value, String name) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isString() && (value.asString().equalsIgnoreCase("true") || value.asString().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(value.asString().toLowerCase(java.util.Locale.ROOT));
        }
        throw ScimErrors.invalidValue(name + " is true or false.");
    }
}
