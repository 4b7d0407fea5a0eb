package dev.toolyard.queries;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.toolyard.resources.ResourceKind;
import dev.toolyard.resources.RunLimits;
import dev.toolyard.shared.FieldProblem;
import dev.toolyard.shared.InvalidInputException;

/**
 * The shape rules of stored queries: names an app can reference, the fields of each resource
 * kind, lengths and run limits. Template syntax is the binder's to check when it evaluates. Each
 * check adds to one list, so a form learns everything wrong with it at once.
 */
final class QueryRules {

    static final int MAX_NAME = 64;
    static final int MAX_FIELDS = 50;
    static final int MAX_TEMPLATE = 100_000;
    static final int MAX_PARAMETERS = 50;
    static final int MAX_DESCRIPTION = 1_000;
    static final int MAX_NOTES = 2_000;
    static final int DEFAULT_TIMEOUT_SECONDS = 10;
    static final int MAX_TIMEOUT_SECONDS = 120;
    static final int DEFAULT_ROWS = 10_000;
    static final int MAX_ROWS = 100_000;
    static final long DEFAULT_BYTES = 10L * 1024 * 1024;
    static final long MAX_BYTES = 100L * 1024 * 1024;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    /**
     * An app reads a query's result as {@code name.data} in JavaScript, so a name must not be a
     * word the language reserves, nor {@code current_user}, which every expression already has.
     */
    private static final Set<String> RESERVED = Set.of("current_user", "break", "case", "catch", "class", "const",
            "continue", "debugger", "default", "delete", "do", "else", "enum", "export", "extends", "false",
            "finally", "for", "function", "if", "import", "in", "instanceof", "let", "new", "null", "return",
            "super", "switch", "this", "throw", "true", "try", "typeof", "undefined", "var", "void", "while",
            "with", "yield", "await", "NaN", "Infinity");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final List<FieldProblem> problems = new ArrayList<>();

    /** Throws every problem found so far, if any. */
    void check() {
        if (problems.isEmpty()) {
            return;
        }
        String message = problems.size() == 1 ? problems.get(0).field() + " " + problems.get(0).message()
                : "The query has " + problems.size() + " problems: " + String.join("; ",
                        problems.stream().map(problem -> problem.field() + " " + problem.message()).toList());
        throw new InvalidInputException(problems.get(0).code(), message, problems);
    }

    void problem(String field, String code, String message) {
        problems.add(new FieldProblem(field, code, message));
    }

    /** A name an app can write as {@code name.data}: a JavaScript identifier of at most 64 characters. */
    String name(String field, String name) {
        String value = name == null ? "" : name.strip();
        if (value.isEmpty() || value.length() > MAX_NAME) {
            problem(field, "field.size", "must be between 1 and " + MAX_NAME + " characters");
        } else if (!IDENTIFIER.matcher(value).matches()) {
            problem(field, "query.invalid_name",
                    "must start with a letter, _ or $ and contain only letters, digits, _ and $");
        } else if (RESERVED.contains(value)) {
            problem(field, "query.reserved_name", "is a reserved word");
        }
        return value;
    }

    /** Free text, stripped; null is empty. */
    String text(String field, String value, int max) {
        String text = value == null ? "" : value.strip();
        if (text.length() > max) {
            problem(field, "field.size", "must be at most " + max + " characters");
        }
        return text;
    }

    /**
     * The fields of a query on a resource of {@code kind}, in the given order: only names the kind
     * accepts, each once; SQL kinds need {@code sql}, REST needs a literal {@code method} and a
     * {@code path}. A REST method is kept in capitals.
     */
    List<FieldTemplate> fields(ResourceKind kind, List<FieldTemplate> fields) {
        if (fields == null || fields.isEmpty()) {
            problem("fields", "field.required", "must name the query's fields");
            return List.of();
        }
        if (fields.size() > MAX_FIELDS) {
            problem("fields", "field.size", "must be at most " + MAX_FIELDS);
            return List.of();
        }
        var seen = new HashSet<String>();
        var valid = new ArrayList<FieldTemplate>();
        for (int i = 0; i < fields.size(); i++) {
            var field = fields.get(i);
            String at = "fields[" + i + "]";
            if (field == null || field.name() == null || field.name().isBlank()) {
                problem(at + ".name", "field.required", "must name the field");
                continue;
            }
            String name = field.name().strip();
            String template = field.template() == null ? "" : field.template();
            if (!kind.acceptsQueryField(name)) {
                problem(at + ".name", "query.field_not_accepted", "'" + name + "' is not a field of a " + kind + " query");
            } else if (!seen.add(name)) {
                problem(at + ".name", "query.duplicate_field", "'" + name + "' appears more than once");
            }
            if (template.length() > MAX_TEMPLATE) {
                problem(at + ".template", "field.size", "must be at most " + MAX_TEMPLATE + " characters");
            }
            if (name.equals("method")) {
                template = template.strip().toUpperCase(Locale.ROOT);
                if (!METHODS.contains(template)) {
                    problem(at + ".template", "query.invalid_method", "must be one of GET, POST, PUT, PATCH, DELETE");
                }
            }
            if (!name.equals("method")) {
                templateProblems(at + ".template", name, template);
            }
            valid.add(new FieldTemplate(name, template));
        }
        var required = kind == ResourceKind.REST ? List.of("method", "path") : List.of("sql");
        for (String name : required) {
            if (valid.stream().noneMatch(field -> field.name().equals(name) && !field.template().isBlank())) {
                problem("fields", "query.field_required", "a " + kind + " query needs a non-empty '" + name + "'");
            }
        }
        return valid;
    }

    /** T-CU4, T-CU5: every {{ }} must parse, and none may reach the global scope, before a query is stored. */
    private void templateProblems(String at, String name, String template) {
        try {
            QueryTemplate.parse(new QueryTemplate.FieldText(name, template));
        } catch (InvalidInputException e) {
            e.fieldProblems().forEach(problem -> problem(at, problem.code(), problem.message()));
        }
    }

    /** Limits left out take the defaults; given ones must be within the maxima. */
    RunLimits limits(Integer timeoutSeconds, Integer maxRows, Long maxBytes) {
        int timeout = timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
        int rows = maxRows == null ? DEFAULT_ROWS : maxRows;
        long bytes = maxBytes == null ? DEFAULT_BYTES : maxBytes;
        boolean valid = true;
        if (timeout < 1 || timeout > MAX_TIMEOUT_SECONDS) {
            problem("timeoutSeconds", "query.limit_out_of_range", "must be between 1 and " + MAX_TIMEOUT_SECONDS);
            valid = false;
        }
        if (rows < 1 || rows > MAX_ROWS) {
            problem("maxRows", "query.limit_out_of_range", "must be between 1 and " + MAX_ROWS);
            valid = false;
        }
        if (bytes < 1 || bytes > MAX_BYTES) {
            problem("maxBytes", "query.limit_out_of_range", "must be between 1 and " + MAX_BYTES);
            valid = false;
        }
        return valid ? new RunLimits(Duration.ofSeconds(timeout), rows, bytes)
                : new RunLimits(Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS), DEFAULT_ROWS, DEFAULT_BYTES);
    }

    /** Parameters of a library query: identifier names, each once; secret ones without a default. */
    List<DeclaredParameter> parameters(List<DeclaredParameter> parameters) {
        if (parameters == null) {
            return List.of();
        }
        if (parameters.size() > MAX_PARAMETERS) {
            problem("parameters", "field.size", "must be at most " + MAX_PARAMETERS);
            return List.of();
        }
        var seen = new HashSet<String>();
        var valid = new ArrayList<DeclaredParameter>();
        for (int i = 0; i < parameters.size(); i++) {
            var parameter = parameters.get(i);
            String at = "parameters[" + i + "]";
            if (parameter == null) {
                problem(at, "field.required", "must not be null");
                continue;
            }
            String name = name(at + ".name", parameter.name());
            if (!name.isEmpty() && !seen.add(name)) {
                problem(at + ".name", "query.duplicate_parameter", "'" + name + "' appears more than once");
            }
            String description = text(at + ".description", parameter.description(), MAX_DESCRIPTION);
            if (parameter.secret() && parameter.defaultValue() != null) {
                problem(at + ".defaultValue", "query.secret_default",
                        "a secret parameter has no default: it would be stored in plain text");
            }
            valid.add(new DeclaredParameter(name, description, parameter.defaultValue(), parameter.secret()));
        }
        return valid;
    }
}
