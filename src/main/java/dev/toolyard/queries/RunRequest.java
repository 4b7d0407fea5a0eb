package dev.toolyard.queries;

import java.util.Map;

/**
 * A request to run a query. {@code values}: the browser's value of each {@code {{ }}} of an app
 * query that does not reference current_user, keyed by the expression's text. {@code state}: app
 * state the server needs to evaluate an expression that mixes current_user with other state.
 * {@code parameters}: a library query's parameters. {@code environment}: production when absent.
 * {@code release}: for an app's query or import, which release's frozen query runs (T-R1): absent or
 * {@code live} for the live release (the draft before the first release), {@code latest} for the
 * draft and a version such as {@code 1.2.0} for that release (both need Edit on the app).
 */
public record RunRequest(String environment, Map<String, Object> values, Map<String, Object> state,
        Map<String, Object> parameters, String release) {

    public RunRequest {
        values = values == null ? Map.of() : values;
        state = state == null ? Map.of() : state;
        parameters = parameters == null ? Map.of() : parameters;
    }
}
