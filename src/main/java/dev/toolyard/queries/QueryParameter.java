package dev.toolyard.queries;

import java.util.regex.Pattern;

import dev.toolyard.shared.InvalidInputException;

/**
 * A declared parameter of a library query (T-Q1), as binding needs it: expressions read it by
 * {@code name}. An optional parameter left out of a run takes {@code defaultValue} (JSON-like, may
 * be null). A secret one is bound as a secret value, never logged or audited.
 */
public record QueryParameter(String name, boolean required, Object defaultValue, boolean secret) {

    private static final Pattern NAME = Pattern.compile("^[A-Za-z_$][A-Za-z0-9_$]{0,63}$");

    public QueryParameter {
        if (name == null || !NAME.matcher(name).matches() || name.startsWith("__")) {
            throw InvalidInputException.of("parameters.name", "query.parameter_name_invalid",
                    "parameter names are JavaScript names of at most 64 letters, digits, '_' or '$', not starting with '__'");
        }
        if (TemplateExpression.mentionsCurrentUser(name)) {
            throw InvalidInputException.of("parameters.name", "query.parameter_name_invalid",
                    "current_user is computed by the server and cannot be a parameter");
        }
    }
}
