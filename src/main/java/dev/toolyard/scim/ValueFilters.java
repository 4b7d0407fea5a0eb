package dev.toolyard.scim;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

import dev.toolyard.scim.Filter.Operator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Value filters of PATCH paths, evaluated on the elements of a multi-valued attribute in memory. */
final class ValueFilters {

    private ValueFilters() {
    }

    static boolean matches(Filter filter, ObjectNode element, SchemaAttribute definition) {
        if (filter instanceof Filter.And and) {
            return matches(and.left(), element, definition) && matches(and.right(), element, definition);
        }
        if (filter instanceof Filter.Or or) {
            return matches(or.left(), element, definition) || matches(or.right(), element, definition);
        }
        if (filter instanceof Filter.Not not) {
            return !matches(not.filter(), element, definition);
        }
        if (filter instanceof Filter.Present present) {
            var value = field(element, subOf(present.path(), definition).name());
            return value != null && !value.isNull() && !(value.isString() && value.asString().isEmpty());
        }
        if (filter instanceof Filter.Comparison comparison) {
            return compare(comparison, element, definition);
        }
        throw ScimErrors.invalid(Scim.INVALID_PATH, "A value filter cannot hold another one ('"
                + ((Filter.ValuePath) filter).path() + "[…]').");
    }

    /** For an add to a value that is not there yet: {@code type eq "work"} makes {@code {"type": "work"}}. */
    static Optional<ObjectNode> elementOf(Filter filter) {
        var element = JsonNodeFactory.instance.objectNode();
        return fill(filter, element) ? Optional.of(element) : Optional.empty();
    }

    private static boolean fill(Filter filter, ObjectNode element) {
        if (filter instanceof Filter.And and) {
            return fill(and.left(), element) && fill(and.right(), element);
        }
        if (filter instanceof Filter.Comparison comparison && comparison.operator() == Operator.EQ
                && comparison.path().subAttribute() == null && comparison.value() != null) {
            var node = JsonNodeFactory.instance;
            Object value = comparison.value();
            element.set(comparison.path().attribute(), value instanceof Boolean flag ? node.booleanNode(flag)
                    : value instanceof BigDecimal number ? node.numberNode(number) : node.stringNode(value.toString()));
            return true;
        }
        return false;
    }

    private static boolean compare(Filter.Comparison comparison, ObjectNode element, SchemaAttribute definition) {
        var sub = subOf(comparison.path(), definition);
        var actual = field(element, sub.name());
        Object expected = comparison.value();
        if (expected == null) {
            boolean missing = actual == null || actual.isNull();
            return comparison.operator() == Operator.NE ? !missing : comparison.operator() == Operator.EQ && missing;
        }
        if (actual == null || actual.isNull()) {
            return comparison.operator() == Operator.NE;
        }
        if (expected instanceof Boolean flag) {
            boolean value = actual.isBoolean() ? actual.booleanValue() : Boolean.parseBoolean(actual.asString());
            return switch (comparison.operator()) {
                case EQ -> value == flag;
                case NE -> value != flag;
                default -> throw ScimErrors.invalid(Scim.INVALID_PATH, "Booleans compare with eq and ne only.");
            };
        }
        String left = actual.asString();
        String right = expected.toString();
        if (!sub.caseExact()) {
            left = left.toLowerCase(Locale.ROOT);
            right = right.toLowerCase(Locale.ROOT);
        }
        return switch (comparison.operator()) {
            case EQ -> left.equals(right);
            case NE -> !left.equals(right);
            case CO -> left.contains(right);
            case SW -> left.startsWith(right);
            case EW -> left.endsWith(right);
            case GT -> left.compareTo(right) > 0;
            case GE -> left.compareTo(right) >= 0;
            case LT -> left.compareTo(right) < 0;
            case LE -> left.compareTo(right) <= 0;
        };
    }

    private static SchemaAttribute subOf(AttributePath path, SchemaAttribute definition) {
        if (path.subAttribute() != null || path.schema() != null) {
            throw ScimErrors.invalid(Scim.INVALID_PATH, "Inside '" + definition.name() + "[…]' name its sub-attributes"
                    + " only ('" + path + "').");
        }
        return definition.sub(path.attribute()).orElseThrow(() -> ScimErrors.invalid(Scim.INVALID_PATH,
                "'" + definition.name() + "' has no sub-attribute '" + path.attribute() + "'."));
    }

    static JsonNode field(ObjectNode object, String name) {
        for (var entry : object.properties()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
