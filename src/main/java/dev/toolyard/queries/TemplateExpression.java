package dev.toolyard.queries;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import dev.toolyard.queries.ExpressionScanner.Kind;
import dev.toolyard.queries.ExpressionScanner.Token;

/**
 * One {@code {{ }}} of a query: its text exactly as written between the braces, and what the
 * server needs to know about it (T-CU4, T-CU5).
 *
 * <p>An expression is <em>server-side</em> when the word {@code current_user} appears anywhere in
 * it: as a name, a property, or inside a string or comment. That is deliberately conservative: a
 * browser can never supply the value of anything that might be derived from the signed-in user.
 */
public final class TemplateExpression implements QueryTemplate.Part {

    /** The name of the signed-in user's object in every expression (T-CU1). */
    public static final String CURRENT_USER = "current_user";

    private static final Pattern CURRENT_USER_WORD = Pattern.compile("(?<![\\p{L}\\p{N}_$])current_user(?![\\p{L}\\p{N}_$])");

    /**
     * Names that reach the global scope or code generation, through which an expression could read
     * {@code current_user} (or anything else) without naming it: refused in every expression, on
     * the browser's side too, where such a read would escape the server-side rule above.
     */
    static final Set<String> FORBIDDEN_NAMES = Set.of("globalThis", "window", "self", "this", "eval", "Function",
            "constructor", "import", "require");

    private final String text;
    private final String source;
    private final boolean serverSide;
    private final List<Object> memberPath;
    private final Set<String> names;

    private TemplateExpression(String text, List<Token> tokens) {
        this.text = text;
        this.source = text.strip();
        this.serverSide = mentionsCurrentUser(text)
                || tokens.stream().anyMatch(token -> isText(token) && mentionsCurrentUser(token.value()));
        this.memberPath = memberPath(tokens);
        this.names = names(tokens);
    }

    /**
     * @param text the characters between {@code {{} and {@code }}}
     * @param tokens what {@link ExpressionScanner} read from them
     * @throws ExpressionScanner.SyntaxProblem when the expression uses a forbidden name
     */
    static TemplateExpression of(String text, List<Token> tokens, int position) {
        if (tokens.isEmpty()) {
            throw new ExpressionScanner.SyntaxProblem("query.expression_empty",
                    "The expression at position " + position + " is empty", position);
        }
        for (int i = 0; i < tokens.size(); i++) {
            var token = tokens.get(i);
            boolean name = token.kind() == Kind.NAME || token.kind() == Kind.KEYWORD;
            boolean computedKey = isText(token) && i > 0 && tokens.get(i - 1).value().equals("[")
                    && tokens.get(i - 1).kind() == Kind.PUNCTUATOR;
            if ((name || computedKey) && FORBIDDEN_NAMES.contains(token.value())) {
                throw new ExpressionScanner.SyntaxProblem("query.expression_forbidden", "'" + token.value()
                        + "' is not allowed in expressions (position " + position + "): it can reach the global "
                        + "scope or make code from text, and with it current_user", position);
            }
        }
        return new TemplateExpression(text, tokens);
    }

    /** Whether the word current_user appears in the text, as the server-side rule reads it. */
    static boolean mentionsCurrentUser(String text) {
        return text.contains(CURRENT_USER) && CURRENT_USER_WORD.matcher(text).find();
    }

    /** The text between the braces, exactly as written. */
    public String text() {
        return text;
    }

    /** The text without surrounding white space: the key a browser sends the value under (T-CU5). */
    public String source() {
        return source;
    }

    /** T-CU5: evaluated on the server only, never taken from a request. */
    public boolean referencesCurrentUser() {
        return serverSide;
    }

    /**
     * For a plain member chain ({@code current_user.email}, {@code filters.status},
     * {@code rows[0]['id']}): the root name, then property names (String) and indexes (Integer).
     * Empty for anything else. Such a chain is resolved without the JavaScript engine.
     */
    List<Object> memberPath() {
        return memberPath;
    }

    /** Every name the expression mentions outside property positions: the variables it may read. */
    Set<String> names() {
        return names;
    }

    private static boolean isText(Token token) {
        return token.kind() == Kind.STRING || token.kind() == Kind.TEMPLATE;
    }

    private static List<Object> memberPath(List<Token> tokens) {
        if (tokens.get(0).kind() != Kind.NAME) {
            return List.of();
        }
        var path = new ArrayList<Object>();
        path.add(tokens.get(0).value());
        int i = 1;
        while (i < tokens.size()) {
            var token = tokens.get(i);
            if (isPunctuator(token, ".") && i + 1 < tokens.size()
                    && (tokens.get(i + 1).kind() == Kind.NAME || tokens.get(i + 1).kind() == Kind.KEYWORD)) {
                path.add(tokens.get(i + 1).value());
                i += 2;
            } else if (isPunctuator(token, "[") && i + 2 < tokens.size() && isPunctuator(tokens.get(i + 2), "]")
                    && key(tokens.get(i + 1)) != null) {
                path.add(key(tokens.get(i + 1)));
                i += 3;
            } else {
                return List.of();
            }
        }
        return List.copyOf(path);
    }

    private static Object key(Token token) {
        if (token.kind() == Kind.STRING) {
            return token.value();
        }
        if (token.kind() == Kind.NUMBER && token.value().matches("0|[1-9][0-9]{0,8}")) {
            return Integer.valueOf(token.value());
        }
        return null;
    }

    private static Set<String> names(List<Token> tokens) {
        var names = new LinkedHashSet<String>();
        for (int i = 0; i < tokens.size(); i++) {
            var token = tokens.get(i);
            boolean property = i > 0 && (isPunctuator(tokens.get(i - 1), ".") || isPunctuator(tokens.get(i - 1), "?."));
            if (token.kind() == Kind.NAME && !property) {
                names.add(token.value());
            }
        }
        return Set.copyOf(names);
    }

    private static boolean isPunctuator(Token token, String value) {
        return token.kind() == Kind.PUNCTUATOR && token.value().equals(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TemplateExpression expression && expression.text.equals(text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }

    @Override
    public String toString() {
        return "{{" + text + "}}";
    }
}
