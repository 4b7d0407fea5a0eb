package dev.toolyard.queries;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;

import dev.toolyard.shared.FieldProblem;
import dev.toolyard.shared.InvalidInputException;

/**
 * A query as written (T-CU4): its fields in order ({@code sql}, or a REST query's {@code method},
 * {@code path}, {@code query:<name>}, {@code header:<name>}, {@code body}; see
 * {@link dev.toolyard.resources.ResourceKind#acceptsQueryField}), each literal text with
 * {@code {{ }}} expressions in it. Literal text is kept exactly; rendering a parsed field gives back
 * the text it was parsed from.
 *
 * <p>{@link #parse} is also the check a save runs: it refuses unterminated {@code {{}, unbalanced
 * brackets and the names listed in {@link TemplateExpression#FORBIDDEN_NAMES}.
 */
public record QueryTemplate(List<Field> fields) {

    public QueryTemplate {
        fields = List.copyOf(fields);
    }

    /** A field as stored: its name and its text with {@code {{ }}} in it. */
    public record FieldText(String name, String text) {
    }

    /** Literal text or an expression. */
    public sealed interface Part permits Literal, TemplateExpression {
    }

    public record Literal(String text) implements Part {
    }

    public record Field(String name, List<Part> parts) {

        public Field {
            parts = List.copyOf(parts);
        }

        /** The field's text as written: literals and {@code {{ }}} in order. */
        public String text() {
            var text = new StringBuilder();
            for (var part : parts) {
                if (part instanceof Literal literal) {
                    text.append(literal.text());
                } else {
                    text.append("{{").append(((TemplateExpression) part).text()).append("}}");
                }
            }
            return text.toString();
        }
    }

    public static QueryTemplate parse(FieldText... fields) {
        return parse(List.of(fields));
    }

    /**
     * @throws InvalidInputException with one problem per broken field (field {@code fields.<name>})
     */
    public static QueryTemplate parse(List<FieldText> fields) {
        var parsed = new ArrayList<Field>(fields.size());
        var problems = new ArrayList<FieldProblem>();
        var names = new HashSet<String>();
        for (var field : fields) {
            String key = "fields." + field.name();
            if (field.name() == null || field.name().isBlank()) {
                problems.add(new FieldProblem("fields", "query.field_name_missing", "every field needs a name"));
            } else if (!names.add(field.name())) {
                problems.add(new FieldProblem(key, "query.field_duplicate", "the field '" + field.name() + "' is given twice"));
            } else {
                try {
                    parsed.add(new Field(field.name(), parts(field.text() == null ? "" : field.text())));
                } catch (ExpressionScanner.SyntaxProblem problem) {
                    problems.add(new FieldProblem(key, problem.code(), problem.getMessage()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.get(0).code(),
                    "The query cannot be read: " + problems.get(0).message() + ".", problems);
        }
        return new QueryTemplate(parsed);
    }

    private static List<Part> parts(String text) {
        var parts = new ArrayList<Part>();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf("{{", at);
            if (open < 0) {
                parts.add(new Literal(text.substring(at)));
                break;
            }
            if (open > at) {
                parts.add(new Literal(text.substring(at, open)));
            }
            var scanned = ExpressionScanner.scan(text, open + 2);
            parts.add(TemplateExpression.of(text.substring(open + 2, scanned.end()), scanned.tokens(), open));
            at = scanned.end() + 2;
        }
        return parts;
    }

    /** Every expression of every field, each distinct text once, in order of appearance. */
    public List<TemplateExpression> expressions() {
        var expressions = new LinkedHashMap<String, TemplateExpression>();
        for (var field : fields) {
            for (var part : field.parts()) {
                if (part instanceof TemplateExpression expression) {
                    expressions.putIfAbsent(expression.text(), expression);
                }
            }
        }
        return List.copyOf(expressions.values());
    }

    /**
     * The texts the browser evaluates and sends as {@code values} (T-CU5): every expression that
     * does not reference current_user, by its {@link TemplateExpression#source()}.
     */
    public List<String> browserExpressions() {
        return expressions().stream().filter(expression -> !expression.referencesCurrentUser())
                .map(TemplateExpression::source).toList();
    }

    /**
     * The top-level names that expressions referencing current_user read besides it: the app
     * state a run sends as {@code state} so the server can evaluate those expressions itself.
     */
    public List<String> stateNames() {
        var names = new TreeSet<String>();
        for (var expression : expressions()) {
            if (expression.referencesCurrentUser()) {
                names.addAll(expression.names());
            }
        }
        names.remove(TemplateExpression.CURRENT_USER);
        return List.copyOf(names);
    }

    /** Whether running the query needs the signed-in user's {@code current_user} (T-CU1). */
    public boolean referencesCurrentUser() {
        return expressions().stream().anyMatch(TemplateExpression::referencesCurrentUser);
    }
}
