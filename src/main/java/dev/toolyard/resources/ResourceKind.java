package dev.toolyard.resources;

import java.util.Set;

/**
 * T-RS1: the kinds of data source a resource connects to, and the fields a query of each kind
 * has (see {@link BoundQuery}). SQL kinds: {@code sql}. REST: {@code method} (literal GET, POST,
 * PUT, PATCH or DELETE), {@code path}, {@code query:<name>}, {@code header:<name>}, {@code body}.
 */
public enum ResourceKind {
    POSTGRESQL, MYSQL, REST;

    private static final Set<String> REST_FIELDS = Set.of("method", "path", "body");

    public boolean acceptsQueryField(String name) {
        if (this != REST) {
            return name.equals("sql");
        }
        return REST_FIELDS.contains(name) || name.startsWith("query:") && name.length() > 6
                || name.startsWith("header:") && name.length() > 7;
    }
}
