package dev.toolyard.queries;

import java.util.List;
import java.util.Map;

/**
 * What a run brings besides the query: the browser's values for an app query, or the arguments
 * of a library query. {@code queryId} and {@code queryName} name the query in the audit trail.
 */
public sealed interface BindingRequest permits BindingRequest.AppQuery, BindingRequest.LibraryQuery {

    String queryId();

    String queryName();

    /**
     * An app's query (T-CU4, T-CU5).
     *
     * @param values what the browser evaluated, by expression source text (trimmed), for every
     *        expression that does not reference current_user
     * @param state names the server-side expressions read besides current_user (e.g. {@code table1}
     *        for {@code current_user.email === table1.selectedRow.owner}), name to JSON-like value
     */
    record AppQuery(String queryId, String queryName, Map<String, Object> values, Map<String, Object> state)
            implements BindingRequest {

        public AppQuery {
            values = values == null ? Map.of() : values;
            state = state == null ? Map.of() : state;
        }
    }

    /**
     * A library query (T-Q1): every expression is evaluated on the server, over the declared
     * parameters and current_user.
     *
     * @param arguments parameter name to JSON-like value; parameters left out take their default
     */
    record LibraryQuery(String queryId, String queryName, List<QueryParameter> parameters,
            Map<String, Object> arguments) implements BindingRequest {

        public LibraryQuery {
            parameters = List.copyOf(parameters);
            arguments = arguments == null ? Map.of() : arguments;
        }
    }
}
