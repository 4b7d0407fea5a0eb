package dev.toolyard.resources.rest;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.toolyard.resources.BoundQuery;
import dev.toolyard.shared.InvalidInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A REST query made into a request (T-CU4 for HTTP): each value is encoded for its position and
 * can never change the request's shape. A path value is one percent-encoded segment (a '/' in it
 * stays data); query values are form-encoded; header values may not break the line; body values
 * are JSON, escaped inside a string literal and whole JSON values elsewhere.
 */
record RestRequest(String method, String path, Map<String, String> query, Map<String, String[]> headers, String body) {

    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    /** Only the method: path, parameters, headers and body may carry secret values. */
    @Override
    public String toString() {
        return "RestRequest[" + method + "]";
    }
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** What a builder may write literally in a path: RFC 3986 path characters and percent-escapes. */
    private static final Pattern PATH_TEXT = Pattern.compile("([A-Za-z0-9\\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*");

    static RestRequest of(BoundQuery query) {
        String method = literal(query, "method");
        method = method == null || method.isBlank() ? "GET" : method.strip().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw InvalidInputException.of("method", "query.invalid_method", "method must be one of " + METHODS);
        }
        var path = new StringBuilder();
        var query2 = new LinkedHashMap<String, String>();
        var headers = new LinkedHashMap<String, String[]>();
        String body = null;
        for (var field : query.fields()) {
            String name = field.name();
            if (name.equals("path")) {
                path.append(path(field.pieces()));
            } else if (name.startsWith("query:") && name.length() > 6) {
                query2.put(name.substring(6), text(field.pieces()));
            } else if (name.startsWith("header:") && name.length() > 7) {
                String header = name.substring(7);
                if (!RestSettings.TOKEN.matcher(header).matches()) {
                    throw InvalidInputException.of(name, "query.invalid_header", "'" + header + "' is not a header name");
                }
                String value = text(field.pieces());
                if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
                    throw InvalidInputException.of(name, "query.invalid_header",
                            "A header value may not contain line breaks.");
                }
                headers.put(header.toLowerCase(Locale.ROOT), new String[] {header, value});
            } else if (name.equals("body")) {
                body = json(field.pieces());
            } else if (!name.equals("method")) {
                throw InvalidInputException.of(name, "query.unknown_field", "A REST query has no field '" + name + "'.");
            }
        }
        return new RestRequest(method, path.toString(), query2, headers, body);
    }

    /** The method is the builder's literal word, never a value. */
    private static String literal(BoundQuery query, String name) {
        var field = query.field(name);
        if (field.isEmpty()) {
            return null;
        }
        var text = new StringBuilder();
        for (var piece : field.get().pieces()) {
            if (!(piece instanceof BoundQuery.Text literal)) {
                throw InvalidInputException.of(name, "query.invalid_method", "The method must be written, not computed.");
            }
            text.append(literal.text());
        }
        return text.toString();
    }

    private static String path(List<BoundQuery.Piece> pieces) {
        var path = new StringBuilder();
        for (var piece : pieces) {
            if (piece instanceof BoundQuery.Text literal) {
                if (!PATH_TEXT.matcher(literal.text()).matches()) {
                    throw InvalidInputException.of("path", "query.invalid_path",
                            "The path may contain only URL path characters; put parameters in query fields.");
                }
                path.append(literal.text());
            } else {
                path.append(segment(string(((BoundQuery.Value) piece).value())));
            }
        }
        return path.toString();
    }

    /** Every byte but the unreserved ones is escaped; "." and ".." are escaped too, so a value never climbs a level. */
    static String segment(String value) {
        if (value.equals(".") || value.equals("..")) {
            return value.replace(".", "%2E");
        }
        var encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == '~')) {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String text(List<BoundQuery.Piece> pieces) {
        var text = new StringBuilder();
        for (var piece : pieces) {
            text.append(piece instanceof BoundQuery.Text literal ? literal.text()
                    : string(((BoundQuery.Value) piece).value()));
        }
        return text.toString();
    }

    /** Values as text: null is empty, numbers plain, lists and objects as their JSON. */
    static String string(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return JSON.writeValueAsString(value);
    }

    /**
     * The body's text is the builder's JSON; each value is encoded for where it stands: inside a
     * string literal its text is escaped (without quotes), elsewhere it becomes a whole JSON value.
     */
    static String json(List<BoundQuery.Piece> pieces) {
        var body = new StringBuilder();
        boolean inString = false;
        boolean escaped = false;
        for (var piece : pieces) {
            if (piece instanceof BoundQuery.Text literal) {
                for (char c : literal.text().toCharArray()) {
                    if (escaped) {
                        escaped = false;
                    } else if (c == '\\' && inString) {
                        escaped = true;
                    } else if (c == '"') {
                        inString = !inString;
                    }
                }
                body.append(literal.text());
            } else {
                Object value = ((BoundQuery.Value) piece).value();
                if (inString) {
                    String quoted = JSON.writeValueAsString(string(value));
                    body.append(quoted, 1, quoted.length() - 1);
                } else {
                    body.append(JSON.writeValueAsString(value));
                }
            }
        }
        return body.toString();
    }
}
