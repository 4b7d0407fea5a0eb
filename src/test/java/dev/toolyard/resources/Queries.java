package dev.toolyard.resources;

import java.util.ArrayList;
import java.util.List;

/** Bound queries written as their parts: strings are text, {@link #value} marks an evaluated {{ }}. */
final class Queries {

    private Queries() {
    }

    static BoundQuery.Value value(Object value) {
        return new BoundQuery.Value(value, false);
    }

    static BoundQuery.Value secret(Object value) {
        return new BoundQuery.Value(value, true);
    }

    static BoundQuery sql(Object... parts) {
        return new BoundQuery(List.of(field("sql", parts)));
    }

    static BoundQuery.Field field(String name, Object... parts) {
        var pieces = new ArrayList<BoundQuery.Piece>();
        for (Object part : parts) {
            pieces.add(part instanceof BoundQuery.Piece piece ? piece : new BoundQuery.Text((String) part));
        }
        return new BoundQuery.Field(name, pieces);
    }

    static BoundQuery rest(BoundQuery.Field... fields) {
        return new BoundQuery(List.of(fields));
    }
}
