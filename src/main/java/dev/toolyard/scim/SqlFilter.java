package dev.toolyard.scim;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import dev.toolyard.scim.Filter.Operator;

/**
 * Turns a filter into a WHERE clause on SCIM's own tables, every value a bound parameter (never
 * spliced into the text): the database does the search with its indexes, whatever the page size.
 * Case-insensitive attributes compare lower-cased on both sides.
 */
final class SqlFilter {

    enum Kind { TEXT, BOOLEAN, TIME }

    /** A single-valued attribute: an SQL expression over the row alias {@code s}. */
    record Column(String sql, Kind kind, boolean caseExact) {
    }

    /**
     * A multi-valued attribute held as a JSON array: {@code from} names the elements as {@code e},
     * {@code subs} are expressions over {@code e}; a bare attribute means its {@code value}.
     */
    record Elements(String array, Map<String, Column> subs) {
    }

    /** Membership between users and groups, answered by the access module: the ids that match. */
    record Membership(String idColumn, Function<UUID, Collection<UUID>> related) {
    }

    /** What a resource type's attributes are in SQL; keys are lower-case paths without schema. */
    record Attributes(Map<String, Column> columns, Map<String, Elements> elements, Map<String, Membership> memberships,
            String extensionSchema) {
    }

    record Where(String sql, List<Object> params) {
    }

    private final Attributes attributes;
    private final List<Object> params = new ArrayList<>();

    private SqlFilter(Attributes attributes) {
        this.attributes = attributes;
    }

    static Where of(Filter filter, Attributes attributes) {
        var translator = new SqlFilter(attributes);
        String sql = translator.sql(filter);
        return new Where(sql, translator.params);
    }

    private String sql(Filter filter) {
        if (filter instanceof Filter.And and) {
            return "(" + sql(and.left()) + " and " + sql(and.right()) + ")";
        }
        if (filter instanceof Filter.Or or) {
            return "(" + sql(or.left()) + " or " + sql(or.right()) + ")";
        }
        if (filter instanceof Filter.Not not) {
            return "not coalesce(" + sql(not.filter()) + ", false)";
        }
        if (filter instanceof Filter.ValuePath valuePath) {
            var elements = elements(valuePath.path());
            return "exists (select 1 from jsonb_array_elements(" + elements.array() + ") e where "
                    + new SqlFilter(new Attributes(elements.subs(), Map.of(), Map.of(), null)).into(this, valuePath.filter())
                    + ")";
        }
        if (filter instanceof Filter.Present present) {
            var path = present.path();
            var membership = membership(path);
            if (membership != null) {
                throw unsupported(path, "pr");
            }
            var column = column(path);
            if (column != null) {
                return column.kind() == Kind.TEXT ? "coalesce(" + column.sql() + ", '') <> ''"
                        : column.sql() + " is not null";
            }
            var elements = elements(path);
            var sub = subOf(elements, path);
            return "exists (select 1 from jsonb_array_elements(" + elements.array() + ") e where coalesce("
                    + sub.sql() + ", '') <> '')";
        }
        var comparison = (Filter.Comparison) filter;
        var path = comparison.path();
        var membership = membership(path);
        if (membership != null) {
            if (comparison.operator() != Operator.EQ || !(comparison.value() instanceof String text)) {
                throw unsupported(path, comparison.operator().name().toLowerCase(Locale.ROOT));
            }
            UUID id;
            try {
                id = UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                return "false";
            }
            params.add(membership.related().apply(id).stream().map(UUID::toString).toArray(String[]::new));
            return membership.idColumn() + " = any(cast(? as uuid[]))";
        }
        var column = column(path);
        if (column != null) {
            return compare(column, comparison);
        }
        var elements = elements(path);
        return "exists (select 1 from jsonb_array_elements(" + elements.array() + ") e where "
                + compare(subOf(elements, path), comparison) + ")";
    }

    /** Translates an inner filter, its parameters joining the outer one's in order. */
    private String into(SqlFilter outer, Filter filter) {
        String sql = sql(filter);
        outer.params.addAll(params);
        return sql;
    }

    private String compare(Column column, Filter.Comparison comparison) {
        Object value = comparison.value();
        var operator = comparison.operator();
        if (value == null) {
            return switch (operator) {
                case EQ -> column.sql() + " is null";
                case NE -> column.sql() + " is not null";
                default -> throw ScimErrors.invalid(Scim.INVALID_FILTER, "null compares with eq and ne only.");
            };
        }
        return switch (column.kind()) {
            case BOOLEAN -> {
                if (!(value instanceof Boolean flag) || operator != Operator.EQ && operator != Operator.NE) {
                    throw ScimErrors.invalid(Scim.INVALID_FILTER, "'" + comparison.path()
                            + "' is a boolean: compare it with eq or ne and true or false.");
                }
                params.add(flag);
                yield operator == Operator.EQ ? column.sql() + " = ?" : column.sql() + " is distinct from ?";
            }
            case TIME -> {
                if (!(value instanceof String text)) {
                    throw ScimErrors.invalid(Scim.INVALID_FILTER, "'" + comparison.path() + "' is a dateTime string.");
                }
                try {
                    params.add(OffsetDateTime.parse(text));
                } catch (DateTimeParseException e) {
                    throw ScimErrors.invalid(Scim.INVALID_FILTER, "'" + text + "' is not an xsd:dateTime such as "
                            + "2026-12-02T08:00:00Z.");
                }
                yield column.sql() + " " + switch (operator) {
                    case EQ -> "=";
                    case NE -> "<>";
                    case GT -> ">";
                    case GE -> ">=";
                    case LT -> "<";
                    case LE -> "<=";
                    default -> throw ScimErrors.invalid(Scim.INVALID_FILTER, "'" + comparison.path()
                            + "' is a dateTime: co, sw and ew do not apply.");
                } + " ?";
            }
            case TEXT -> text(column, operator, value instanceof BigDecimal number ? number.toPlainString()
                    : value.toString());
        };
    }

    private String text(Column column, Operator operator, String value) {
        String expression = column.caseExact() ? column.sql() : "lower(" + column.sql() + ")";
        String bound = column.caseExact() ? value : value.toLowerCase(Locale.ROOT);
        switch (operator) {
            case CO, SW, EW -> {
                String escaped = bound.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
                params.add((operator == Operator.SW ? "" : "%") + escaped + (operator == Operator.EW ? "" : "%"));
                return expression + " like ?";
            }
            case NE -> {
                params.add(bound);
                return "(" + column.sql() + " is null or " + expression + " <> ?)";
            }
            default -> {
                params.add(bound);
                return expression + " " + switch (operator) {
                    case EQ -> "=";
                    case GT -> ">";
                    case GE -> ">=";
                    case LT -> "<";
                    default -> "<=";
                } + " ?";
            }
        }
    }

    private Column column(AttributePath path) {
        return attributes.columns().get(key(path));
    }

    private Membership membership(AttributePath path) {
        var key = key(path);
        return attributes.memberships().get(key.contains(".") ? key : key + ".value");
    }

    private Elements elements(AttributePath path) {
        var elements = attributes.elements().get(path.attribute().toLowerCase(Locale.ROOT));
        if (elements == null || path.schema() != null && attributes.extensionSchema() != null
                && path.inSchema(attributes.extensionSchema())) {
            throw ScimErrors.invalid(Scim.INVALID_FILTER, "'" + path + "' is not an attribute filters can search.");
        }
        return elements;
    }

    private static Column subOf(Elements elements, AttributePath path) {
        String sub = path.subAttribute() == null ? "value" : path.subAttribute().toLowerCase(Locale.ROOT);
        var column = elements.subs().get(sub);
        if (column == null) {
            throw ScimErrors.invalid(Scim.INVALID_FILTER, "'" + path + "' is not an attribute filters can search.");
        }
        return column;
    }

    /** Lower-case path; the extension's attributes keep their URN so they cannot clash with core ones. */
    private String key(AttributePath path) {
        if (path.schema() != null && attributes.extensionSchema() != null && path.inSchema(attributes.extensionSchema())) {
            return attributes.extensionSchema().toLowerCase(Locale.ROOT) + ":" + path.key();
        }
        return path.key();
    }

    private static RuntimeException unsupported(AttributePath path, String operator) {
        return ScimErrors.invalid(Scim.INVALID_FILTER, "'" + path + "' is searched with eq and an id only, not '"
                + operator + "'.");
    }
}
