package dev.toolyard.resources;

import java.util.List;
import java.util.Optional;

/**
 * A query ready to run: each of its fields (e.g. {@code sql}, or a REST query's {@code method},
 * {@code path}, {@code query:<name>}, {@code header:<name>}, {@code body}) as literal text and
 * values, every {@code {{ }}} already evaluated. A resource kind binds each value for its position
 * (a JDBC parameter, a percent-encoded path segment, a JSON value) and never splices a value into
 * the text (T-CU4).
 *
 * <p>Values are JSON-like: {@code null}, {@link String}, {@link Number}, {@link Boolean},
 * {@link List} and {@link java.util.Map} with string keys.
 */
public record BoundQuery(List<Field> fields) {

    public BoundQuery {
        fields = List.copyOf(fields);
    }

    public Optional<Field> field(String name) {
        return fields.stream().filter(field -> field.name().equals(name)).findFirst();
    }

    /** One field of a query in the order its text reads. */
    public record Field(String name, List<Piece> pieces) {
        public Field {
            pieces = List.copyOf(pieces);
        }
    }

    /** A run of literal text or one evaluated {@code {{ }}}. */
    public sealed interface Piece permits Text, Value {
    }

    public record Text(String text) implements Piece {
    }

    /** {@code value} may be null (a JSON null); {@code secret} values are never logged or audited. */
    public record Value(Object value, boolean secret) implements Piece {
    }
}
