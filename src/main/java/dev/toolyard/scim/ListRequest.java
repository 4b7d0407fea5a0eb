package dev.toolyard.scim;

import java.util.Locale;

/**
 * A query of RFC 7644 §3.4.2: filter, 1-based {@code startIndex}, {@code count} (at most
 * {@link #MAX_COUNT}; 0 asks for the total only), sorting and the attributes to return.
 */
record ListRequest(Filter filter, long startIndex, int count, String sortBy, boolean descending,
        Projection projection) {

    static final int DEFAULT_COUNT = 100;
    static final int MAX_COUNT = 1000;

    /** The query parameters of a list request, as RFC 7644 names them. */
    record Parameters(String filter, Long startIndex, Integer count, String sortBy, String sortOrder, String attributes,
            String excludedAttributes) {
    }

    static ListRequest of(Parameters parameters) {
        return of(parameters.filter(), parameters.startIndex(), parameters.count(), parameters.sortBy(),
                parameters.sortOrder(), parameters.attributes(), parameters.excludedAttributes());
    }

    private static ListRequest of(String filter, Long startIndex, Integer count, String sortBy, String sortOrder,
            String attributes, String excludedAttributes) {
        if (sortOrder != null && !sortOrder.equalsIgnoreCase("ascending") && !sortOrder.equalsIgnoreCase("descending")) {
            throw ScimErrors.invalidValue("sortOrder is ascending or descending.");
        }
        return new ListRequest(filter == null || filter.isBlank() ? null : FilterParser.parse(filter),
                startIndex == null || startIndex < 1 ? 1 : startIndex,
                count == null ? DEFAULT_COUNT : Math.max(0, Math.min(count, MAX_COUNT)),
                sortBy == null || sortBy.isBlank() ? null : sortBy.strip(),
                sortOrder != null && sortOrder.toLowerCase(Locale.ROOT).equals("descending"),
                Projection.of(attributes, excludedAttributes));
    }
}
