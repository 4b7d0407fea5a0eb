package dev.toolyard.apps;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The top-level names a JavaScript expression reads, for the document's dependency graph (an
 * expression cycle is refused on save). A small lexer, not a parser: it skips strings, comments,
 * regular expressions and member names after {@code .}, reads into template literals'
 * {@code ${ }}, and treats object-literal keys, arrow-function and function parameters,
 * {@code let/const/var} and {@code catch} bindings as not top-level. Local names count for the
 * whole expression rather than their block: a name shadowed anywhere is never an edge, which can
 * miss a cycle but never invents one.
 */
final class ExpressionNames {

    /** An expression inside a property string; {@code start} is the index of its {@code {{}. */
    record Embedded(String text, int start) {
    }

    /** A {@code {{} without its {@code }}}, at {@code position} of the string. */
    static final class Unterminated extends RuntimeException {

        final int position;

        Unterminated(int position, String message) {
            super(message);
            this.position = position;
        }
    }

    private enum Kind { NAME, PUNCT, VALUE }

    /** Where lexing stops: at the source's end, at a {@code }}}, or at a template placeholder's {@code }}. */
    private enum End { SOURCE, DOUBLE_BRACE, BRACE }

    private record Token(Kind kind, String text) {
    }

    private static final Set<String> KEYWORDS = Set.of("break", "case", "catch", "class", "const", "continue",
            "debugger", "default", "delete", "do", "else", "export", "extends", "false", "finally", "for", "function",
            "if", "import", "in", "instanceof", "new", "null", "return", "super", "switch", "this", "throw", "true",
            "try", "typeof", "var", "void", "while", "with", "yield", "let", "static", "await", "async", "of",
            "undefined");

    private final String source;
    private int position;
    private final List<Token> tokens = new ArrayList<>();

    private ExpressionNames(String source, int position) {
        this.source = source;
        this.position = position;
    }

    /** The {@code {{ }}} expressions of a property string, in order. */
    static List<Embedded> embedded(String value) {
        var found = new ArrayList<Embedded>();
        int from = 0;
        while (true) {
            int open = value.indexOf("{{", from);
            if (open < 0) {
                return found;
            }
            var lexer = new ExpressionNames(value, open + 2);
            int end = lexer.lex(End.DOUBLE_BRACE);
            found.add(new Embedded(value.substring(open + 2, end), open));
            from = end + 2;
        }
    }

    /** The top-level names {@code code} reads (a whole function body, or one expression). */
    static Set<String> topLevel(String code) {
        var lexer = new ExpressionNames(code, 0);
        lexer.lex(End.SOURCE);
        return lexer.freeNames();
    }

    /** Reads tokens up to {@code end} at bracket depth 0; returns where that end starts. */
    private int lex(End end) {
        var brackets = new ArrayDeque<Character>();
        while (position < source.length()) {
            char c = source.charAt(position);
            if (Character.isWhitespace(c)) {
                position++;
            } else if (end == End.DOUBLE_BRACE && brackets.isEmpty() && source.startsWith("}}", position)) {
                return position;
            } else if (end == End.BRACE && brackets.isEmpty() && c == '}') {
                return position;
            } else if (source.startsWith("//", position)) {
                int lineEnd = source.indexOf('\n', position);
                position = lineEnd < 0 ? source.length() : lineEnd + 1;
            } else if (source.startsWith("/*", position)) {
                int commentEnd = source.indexOf("*/", position + 2);
                if (commentEnd < 0) {
                    throw new Unterminated(position, "a comment is not closed");
                }
                position = commentEnd + 2;
            } else if (c == '\'' || c == '"') {
                skipString(c);
                tokens.add(new Token(Kind.VALUE, "string"));
            } else if (c == '`') {
                template();
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = position;
                while (position < source.length() && Character.isJavaIdentifierPart(source.charAt(position))) {
                    position++;
                }
                tokens.add(new Token(Kind.NAME, source.substring(start, position)));
            } else if (Character.isDigit(c)) {
                while (position < source.length() && (Character.isLetterOrDigit(source.charAt(position))
                        || source.charAt(position) == '.' || source.charAt(position) == '_')) {
                    position++;
                }
                tokens.add(new Token(Kind.VALUE, "number"));
            } else if (c == '/' && regexMayStart()) {
                skipRegex();
                tokens.add(new Token(Kind.VALUE, "regex"));
            } else {
                if (c == '(' || c == '[' || c == '{') {
                    brackets.push(c);
                } else if (c == ')' || c == ']' || c == '}') {
                    if (brackets.isEmpty()) {
                        throw new Unterminated(position, "'" + c + "' closes nothing");
                    }
                    brackets.pop();
                }
                tokens.add(new Token(Kind.PUNCT, punctuator()));
            }
        }
        if (end == End.DOUBLE_BRACE) {
            throw new Unterminated(source.length(), "'{{' is not closed by '}}'");
        }
        if (end == End.BRACE) {
            throw new Unterminated(source.length(), "a template literal's '${' is not closed");
        }
        return position;
    }

    private String punctuator() {
        for (String multi : List.of("?.", "=>", "...")) {
            if (source.startsWith(multi, position) && !("?.".equals(multi) && position + 2 < source.length()
                    && Character.isDigit(source.charAt(position + 2)))) {
                position += multi.length();
                return multi;
            }
        }
        return String.valueOf(source.charAt(position++));
    }

    private boolean regexMayStart() {
        if (tokens.isEmpty()) {
            return true;
        }
        var last = tokens.get(tokens.size() - 1);
        if (last.kind() == Kind.NAME) {
            return KEYWORDS.contains(last.text()) && !"this".equals(last.text()) && !"super".equals(last.text());
        }
        return last.kind() == Kind.PUNCT && !")".equals(last.text()) && !"]".equals(last.text())
                && !"}".equals(last.text());
    }

    private void skipString(char quote) {
        int start = position++;
        while (position < source.length()) {
            char c = source.charAt(position++);
            if (c == '\\') {
                position++;
            } else if (c == quote) {
                return;
            } else if (c == '\n') {
                break;
            }
        }
        throw new Unterminated(start, "a string is not closed");
    }

    private void skipRegex() {
        int start = position++;
        boolean inClass = false;
        while (position < source.length()) {
            char c = source.charAt(position++);
            if (c == '\\') {
                position++;
            } else if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '/' && !inClass) {
                while (position < source.length() && Character.isLetter(source.charAt(position))) {
                    position++;
                }
                return;
            } else if (c == '\n') {
                break;
            }
        }
        throw new Unterminated(start, "a regular expression is not closed");
    }

    /** A template literal: its text is skipped, each {@code ${ }} is read as code in parentheses. */
    private void template() {
        int start = position++;
        while (position < source.length()) {
            char c = source.charAt(position);
            if (c == '\\') {
                position += 2;
            } else if (c == '`') {
                position++;
                tokens.add(new Token(Kind.VALUE, "template"));
                return;
            } else if (source.startsWith("${", position)) {
                position += 2;
                tokens.add(new Token(Kind.PUNCT, "("));
                var inner = new ExpressionNames(source, position);
                position = inner.lex(End.BRACE) + 1;
                tokens.addAll(inner.tokens);
                tokens.add(new Token(Kind.PUNCT, ")"));
            } else {
                position++;
            }
        }
        throw new Unterminated(start, "a template literal is not closed");
    }

    private Set<String> freeNames() {
        var locals = new HashSet<String>();
        for (int i = 0; i < tokens.size(); i++) {
            var token = tokens.get(i);
            if (isPunct(token, "=>") && i > 0) {
                var before = tokens.get(i - 1);
                if (before.kind() == Kind.NAME) {
                    locals.add(before.text());
                } else if (isPunct(before, ")")) {
                    collectNamesInParentheses(i - 1, locals);
                }
            } else if (token.kind() == Kind.NAME && ("function".equals(token.text()) || "catch".equals(token.text()))) {
                int next = i + 1;
                if (next < tokens.size() && tokens.get(next).kind() == Kind.NAME) {
                    locals.add(tokens.get(next).text());
                    next++;
                }
                if (next < tokens.size() && isPunct(tokens.get(next), "(")) {
                    int close = matching(next);
                    collectNamesInParentheses(close, locals);
                }
            } else if (token.kind() == Kind.NAME && Set.of("let", "const", "var").contains(token.text())
                    && i + 1 < tokens.size() && tokens.get(i + 1).kind() == Kind.NAME) {
                locals.add(tokens.get(i + 1).text());
            }
        }
        var free = new LinkedHashSet<String>();
        var brackets = new ArrayDeque<String>();
        for (int i = 0; i < tokens.size(); i++) {
            var token = tokens.get(i);
            if (token.kind() == Kind.PUNCT) {
                if ("([{".contains(token.text())) {
                    brackets.push(token.text());
                } else if (")]}".contains(token.text()) && !brackets.isEmpty()) {
                    brackets.pop();
                }
                continue;
            }
            if (token.kind() != Kind.NAME || KEYWORDS.contains(token.text()) || locals.contains(token.text())) {
                continue;
            }
            var previous = i > 0 ? tokens.get(i - 1) : null;
            if (previous != null && (isPunct(previous, ".") || isPunct(previous, "?."))) {
                continue;
            }
            boolean objectKey = "{".equals(brackets.peek()) && i + 1 < tokens.size() && isPunct(tokens.get(i + 1), ":")
                    && previous != null && (isPunct(previous, "{") || isPunct(previous, ","));
            if (!objectKey) {
                free.add(token.text());
            }
        }
        return free;
    }

    /** Names between the parenthesis that {@code close} (index of a ')') closes and it. */
    private void collectNamesInParentheses(int close, Set<String> into) {
        int depth = 0;
        for (int i = close; i >= 0; i--) {
            var token = tokens.get(i);
            if (isPunct(token, ")")) {
                depth++;
            } else if (isPunct(token, "(")) {
                depth--;
                if (depth == 0) {
                    return;
                }
            } else if (token.kind() == Kind.NAME && !KEYWORDS.contains(token.text())) {
                into.add(token.text());
            }
        }
    }

    private int matching(int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (isPunct(tokens.get(i), "(")) {
                depth++;
            } else if (isPunct(tokens.get(i), ")")) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return tokens.size() - 1;
    }

    private static boolean isPunct(Token token, String text) {
        return token.kind() == Kind.PUNCT && token.text().equals(text);
    }
}
