package dev.toolyard.scim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.toolyard.scim.Filter.Operator;

/**
 * Recursive descent over RFC 7644's filter grammar: {@code or} binds weaker than {@code and},
 * {@code not} takes a parenthesised filter, operators and keywords are case-insensitive, strings
 * are JSON strings. Anything else is an {@code invalidFilter} naming the position.
 */
final class FilterParser {

    private static final int MAX_LENGTH = 4096;
    private static final int MAX_DEPTH = 32;

    private final String text;
    private final String errorCode;
    private int position;
    private int depth;

    private FilterParser(String text, String errorCode) {
        this.text = text;
        this.errorCode = errorCode;
    }

    static Filter parse(String text) {
        return parse(text, Scim.INVALID_FILTER);
    }

    /** {@code errorCode}: invalidFilter for a query's filter, invalidPath inside a PATCH path. */
    static Filter parse(String text, String errorCode) {
        if (text == null || text.isBlank()) {
            throw ScimErrors.invalid(errorCode, "The filter is empty.");
        }
        if (text.length() > MAX_LENGTH) {
            throw ScimErrors.invalid(errorCode, "The filter is longer than " + MAX_LENGTH + " characters.");
        }
        var parser = new FilterParser(text, errorCode);
        var filter = parser.or();
        parser.skipSpace();
        if (parser.position < text.length()) {
            throw parser.error("unexpected '" + text.substring(parser.position) + "'");
        }
        return filter;
    }

    private Filter or() {
        var left = and();
        while (keyword("or")) {
            left = new Filter.Or(left, and());
        }
        return left;
    }

    private Filter and() {
        var left = unary();
        while (keyword("and")) {
            left = new Filter.And(left, unary());
        }
        return left;
    }

    private Filter unary() {
        if (++depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
        try {
            if (keyword("not")) {
                expect('(');
                var inner = or();
                expect(')');
                return new Filter.Not(inner);
            }
            skipSpace();
            if (peek() == '(') {
                position++;
                var inner = or();
                expect(')');
                return inner;
            }
            return attributeExpression();
        } finally {
            depth--;
        }
    }

    private Filter attributeExpression() {
        skipSpace();
        int start = position;
        String word = word();
        if (word.isEmpty()) {
            throw error("an attribute is missing");
        }
        var path = AttributePath.parse(word, errorCode);
        if (peek() == '[') {
            position++;
            var inner = or();
            expect(']');
            return new Filter.ValuePath(path, inner);
        }
        skipSpace();
        String operatorWord = word();
        if (operatorWord.equalsIgnoreCase("pr")) {
            return new Filter.Present(path);
        }
        var operator = Operator.of(operatorWord);
        if (operator == null) {
            throw error("'" + operatorWord + "' after '" + text.substring(start, position).strip()
                    + "' is not an operator (eq ne co sw ew gt ge lt le pr)");
        }
        return new Filter.Comparison(path, operator, value());
    }

    private Object value() {
        skipSpace();
        if (peek() == '"') {
            return string();
        }
        String word = word();
        switch (word.toLowerCase(Locale.ROOT)) {
            case "true" -> {
                return Boolean.TRUE;
            }
            case "false" -> {
                return Boolean.FALSE;
            }
            case "null" -> {
                return null;
            }
            default -> {
                try {
                    return new BigDecimal(word);
                } catch (NumberFormatException e) {
                    throw error(word.isEmpty() ? "a value is missing" : "'" + word + "' is not a JSON value");
                }
            }
        }
    }

    private String string() {
        int start = position;
        position++;
        var out = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                if (position >= text.length()) {
                    break;
                }
                char escaped = text.charAt(position++);
                switch (escaped) {
                    case '"', '\\', '/' -> out.append(escaped);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (position + 4 > text.length()) {
                            throw error("a \\u escape is cut short");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
                        } catch (NumberFormatException e) {
                            throw error("a \\u escape is not hexadecimal");
                        }
                        position += 4;
                    }
                    default -> throw error("'\\" + escaped + "' is not a JSON escape");
                }
            } else {
                out.append(c);
            }
        }
        position = start;
        throw error("a string is not closed");
    }

    /** A run of characters up to a space, a bracket, a parenthesis or a quote. */
    private String word() {
        int start = position;
        while (position < text.length() && " \t\r\n()[]\"".indexOf(text.charAt(position)) < 0) {
            position++;
        }
        return text.substring(start, position);
    }

    private boolean keyword(String keyword) {
        skipSpace();
        int end = position + keyword.length();
        if (end <= text.length() && text.regionMatches(true, position, keyword, 0, keyword.length())
                && (end == text.length() || " \t\r\n(".indexOf(text.charAt(end)) >= 0)) {
            position = end;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        skipSpace();
        if (peek() != c) {
            throw error("'" + c + "' expected");
        }
        position++;
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private void skipSpace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private RuntimeException error(String problem) {
        return ScimErrors.invalid(errorCode, "The filter is not valid at character " + (position + 1) + ": " + problem + ".");
    }

    /** Splits a PATCH path into the attribute, its value filter and the sub-attribute after it. */
    record PatchPath(AttributePath path, Filter filter, String subAttribute) {
    }

    static PatchPath parsePatchPath(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String path = text.strip();
        int open = path.indexOf('[');
        if (open < 0) {
            return new PatchPath(AttributePath.parse(path, Scim.INVALID_PATH), null, null);
        }
        int close = path.lastIndexOf(']');
        if (close < open) {
            throw ScimErrors.invalid(Scim.INVALID_PATH, "'" + text + "' is not a valid path: ']' is missing.");
        }
        var attribute = AttributePath.parse(path.substring(0, open), Scim.INVALID_PATH);
        if (attribute.subAttribute() != null) {
            throw ScimErrors.invalid(Scim.INVALID_PATH, "'" + text + "': a value filter follows a multi-valued attribute.");
        }
        var filter = parse(path.substring(open + 1, close), Scim.INVALID_PATH);
        String after = path.substring(close + 1);
        String sub = null;
        if (!after.isEmpty()) {
            if (!after.startsWith(".") || !after.substring(1).matches("[A-Za-z$][A-Za-z0-9_$-]*")) {
                throw ScimErrors.invalid(Scim.INVALID_PATH, "'" + text + "' is not a valid path.");
            }
            sub = after.substring(1);
        }
        return new PatchPath(attribute, filter, sub);
    }

    static List<String> splitList(String attributes) {
        var out = new ArrayList<String>();
        if (attributes != null) {
            for (String part : attributes.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }
}
