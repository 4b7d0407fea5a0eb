package dev.toolyard.queries;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Just enough of a JavaScript lexer to find where a {@code {{ }}} ends and what its expression is
 * made of. A {@code }}} ends the expression only outside strings, template literals, regular
 * expressions and comments and when every bracket opened in it is closed, so {@code {{ {a: '}}'} }}}
 * is one expression. Brackets must balance: an expression can never close the parenthesis it is
 * evaluated in and go on as statements. Syntax beyond that is the JavaScript engine's business.
 */
final class ExpressionScanner {

    enum Kind { NAME, KEYWORD, NUMBER, STRING, TEMPLATE, REGEX, PUNCTUATOR }

    /** {@code value}: the name, or a string's or template chunk's text with its escapes applied. */
    record Token(Kind kind, String value) {
    }

    /** The tokens of one expression and the index of the {@code }}} that closes it. */
    record Scanned(List<Token> tokens, int end) {
    }

    /** Why an expression cannot be read; {@code position} is an index into the field's text. */
    static final class SyntaxProblem extends RuntimeException {

        private final String code;
        private final int position;

        SyntaxProblem(String code, String message, int position) {
            super(message, null, false, false);
            this.code = code;
            this.position = position;
        }

        String code() {
            return code;
        }

        int position() {
            return position;
        }
    }

    private static final Set<String> KEYWORDS = Set.of("await", "break", "case", "catch", "class", "const", "continue",
            "debugger", "default", "delete", "do", "else", "enum", "export", "extends", "false", "finally", "for",
            "function", "if", "implements", "import", "in", "instanceof", "interface", "let", "new", "null", "package",
            "private", "protected", "public", "return", "static", "super", "switch", "this", "throw", "true", "try",
            "typeof", "var", "void", "while", "with", "yield");
    /** Keywords after which a value has ended, so a following {@code /} divides. */
    private static final Set<String> VALUE_KEYWORDS = Set.of("this", "super", "true", "false", "null");
    private static final char TEMPLATE_SUBSTITUTION = '`';

    private final String text;
    private final int start;
    private int at;
    private final List<Token> tokens = new ArrayList<>();
    /** Open brackets: '(', '[', '{', or '`' for a template literal's ${ }. */
    private final Deque<Character> open = new ArrayDeque<>();

    private ExpressionScanner(String text, int start) {
        this.text = text;
        this.start = start;
        this.at = start;
    }

    /** Scans the expression that begins at {@code start}, just after a {@code {{}. */
    static Scanned scan(String text, int start) {
        return new ExpressionScanner(text, start).expression();
    }

    private Scanned expression() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (Character.isWhitespace(c)) {
                at++;
            } else if (c == '/' && next(1) == '/') {
                lineComment();
            } else if (c == '/' && next(1) == '*') {
                blockComment();
            } else if (c == '}') {
                if (closeBrace()) {
                    return new Scanned(List.copyOf(tokens), at);
                }
            } else if (c == '\'' || c == '"') {
                string(c);
            } else if (c == '`') {
                at++;
                template();
            } else if (c == '/' && regexMayStart()) {
                regex();
            } else if (isDigit(c) || c == '.' && isDigit(next(1))) {
                number();
            } else if (c == '\\' || Character.isUnicodeIdentifierStart(c) || c == '$' || c == '_') {
                name();
            } else {
                punctuator(c);
            }
        }
        throw new SyntaxProblem("query.template_unterminated",
                "'{{' at position " + (start - 2) + " has no closing '}}'", start - 2);
    }

    /** @return true when this '}' and the next one close the expression. */
    private boolean closeBrace() {
        if (open.isEmpty()) {
            if (next(1) == '}') {
                return true;
            }
            throw new SyntaxProblem("query.expression_unbalanced", "'}' at position " + at + " closes nothing", at);
        }
        char top = open.pop();
        if (top == TEMPLATE_SUBSTITUTION) {
            at++;
            template();
            return false;
        }
        if (top != '{') {
            throw unbalanced(top);
        }
        tokens.add(new Token(Kind.PUNCTUATOR, "}"));
        at++;
        return false;
    }

    private void punctuator(char c) {
        if (c == '(' || c == '[' || c == '{') {
            open.push(c);
        } else if (c == ')' || c == ']') {
            char expected = c == ')' ? '(' : '[';
            if (open.isEmpty()) {
                throw new SyntaxProblem("query.expression_unbalanced", "'" + c + "' at position " + at + " closes nothing", at);
            }
            if (open.peek() != expected) {
                throw unbalanced(open.peek());
            }
            open.pop();
        }
        String value;
        if (c == '?' && next(1) == '.' && !isDigit(next(2))) {
            value = "?.";
        } else if ((c == '+' || c == '-') && next(1) == c) {
            value = String.valueOf(c) + c;
        } else if (c == '=' && next(1) == '>') {
            value = "=>";
        } else {
            value = String.valueOf(c);
        }
        tokens.add(new Token(Kind.PUNCTUATOR, value));
        at += value.length();
    }

    private SyntaxProblem unbalanced(char opened) {
        String name = opened == TEMPLATE_SUBSTITUTION ? "${" : String.valueOf(opened);
        return new SyntaxProblem("query.expression_unbalanced",
                "'" + name + "' is not closed before position " + at, at);
    }

    private void lineComment() {
        while (at < text.length() && text.charAt(at) != '\n' && text.charAt(at) != '\r') {
            at++;
        }
    }

    private void blockComment() {
        int end = text.indexOf("*/", at + 2);
        if (end < 0) {
            throw new SyntaxProblem("query.expression_unterminated", "The comment at position " + at + " is not closed", at);
        }
        at = end + 2;
    }

    private void string(char quote) {
        int begin = at++;
        var value = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == quote) {
                at++;
                tokens.add(new Token(Kind.STRING, value.toString()));
                return;
            }
            if (c == '\n' || c == '\r') {
                break;
            }
            if (c == '\\') {
                escape(value);
            } else {
                value.append(c);
                at++;
            }
        }
        throw new SyntaxProblem("query.expression_unterminated", "The string at position " + begin + " is not closed", begin);
    }

    /** Reads one template chunk up to its end or to a {@code ${}; {@code at} is just inside it. */
    private void template() {
        int begin = at;
        var value = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '`') {
                at++;
                tokens.add(new Token(Kind.TEMPLATE, value.toString()));
                return;
            }
            if (c == '$' && next(1) == '{') {
                at += 2;
                tokens.add(new Token(Kind.TEMPLATE, value.toString()));
                // As after any opening bracket, what follows may start with a regular expression.
                tokens.add(new Token(Kind.PUNCTUATOR, "${"));
                open.push(TEMPLATE_SUBSTITUTION);
                return;
            }
            if (c == '\\') {
                escape(value);
            } else {
                value.append(c);
                at++;
            }
        }
        throw new SyntaxProblem("query.expression_unterminated",
                "The template literal before position " + begin + " is not closed", begin);
    }

    /** Applies the escape at {@code at} (a backslash), so a name spelt with escapes is still seen. */
    private void escape(StringBuilder value) {
        char c = next(1);
        at += 2;
        switch (c) {
            case 'n' -> value.append('\n');
            case 't' -> value.append('\t');
            case 'r' -> value.append('\r');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'v' -> value.append('\u000B');
            case '0' -> value.append('\0');
            case 'x' -> value.append((char) hex(2));
            case 'u' -> {
                if (next(0) == '{') {
                    int close = text.indexOf('}', at);
                    if (close < 0) {
                        throw new SyntaxProblem("query.expression_invalid", "Bad escape at position " + at, at);
                    }
                    value.appendCodePoint(parseHex(at + 1, close));
                    at = close + 1;
                } else {
                    value.append((char) hex(4));
                }
            }
            case '\r' -> {
                if (next(0) == '\n') {
                    at++;
                }
            }
            case '\n', '\u2028', '\u2029' -> {
                // a line continuation: no character
            }
            default -> value.append(c);
        }
    }

    private int hex(int digits) {
        int value = parseHex(at, at + digits);
        at += digits;
        return value;
    }

    private int parseHex(int from, int to) {
        if (to > text.length() || to <= from) {
            throw new SyntaxProblem("query.expression_invalid", "Bad escape at position " + from, from);
        }
        try {
            int value = Integer.parseInt(text.substring(from, to), 16);
            if (value > Character.MAX_CODE_POINT) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new SyntaxProblem("query.expression_invalid", "Bad escape at position " + from, from);
        }
    }

    private boolean regexMayStart() {
        if (tokens.isEmpty()) {
            return true;
        }
        var last = tokens.get(tokens.size() - 1);
        switch (last.kind()) {
            case NAME, NUMBER, STRING, TEMPLATE, REGEX -> {
                return false;
            }
            case KEYWORD -> {
                return !VALUE_KEYWORDS.contains(last.value());
            }
            default -> {
                String value = last.value();
                return !(value.equals(")") || value.equals("]") || value.equals("}") || value.equals("++")
                        || value.equals("--"));
            }
        }
    }

    private void regex() {
        int begin = at++;
        boolean inClass = false;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '\n' || c == '\r') {
                break;
            }
            if (c == '\\') {
                at += 2;
                continue;
            }
            if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '/' && !inClass) {
                at++;
                while (at < text.length() && Character.isUnicodeIdentifierPart(text.charAt(at))) {
                    at++;
                }
                tokens.add(new Token(Kind.REGEX, text.substring(begin, at)));
                return;
            }
            at++;
        }
        throw new SyntaxProblem("query.expression_unterminated",
                "The regular expression at position " + begin + " is not closed", begin);
    }

    private void number() {
        int begin = at;
        boolean decimal = !(text.charAt(at) == '0' && Character.isLetter(next(1)));
        boolean dot = false;
        boolean exponent = false;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '.' && decimal && !dot && !exponent) {
                dot = true;
            } else if ((c == 'e' || c == 'E') && decimal) {
                exponent = true;
                if (next(1) == '+' || next(1) == '-') {
                    at++;
                }
            } else if (!(Character.isLetterOrDigit(c) || c == '_')) {
                break;
            }
            at++;
        }
        tokens.add(new Token(Kind.NUMBER, text.substring(begin, at)));
    }

    /**
     * Names written with escapes ({@code \u0063urrent_user}) are refused: they would let a name slip
     * past the checks that read names as written.
     */
    private void name() {
        int begin = at;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '\\') {
                throw new SyntaxProblem("query.expression_forbidden",
                        "Names in expressions may not be written with escapes (position " + at + ")", at);
            }
            if (!(Character.isUnicodeIdentifierPart(c) || c == '$' || c == '_' || c == '\u200C' || c == '\u200D')
                    || Character.isIdentifierIgnorable(c)) {
                break;
            }
            at++;
        }
        String name = text.substring(begin, at);
        tokens.add(new Token(KEYWORDS.contains(name) ? Kind.KEYWORD : Kind.NAME, name));
    }

    private char next(int offset) {
        int index = at + offset;
        return index < text.length() ? text.charAt(index) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
