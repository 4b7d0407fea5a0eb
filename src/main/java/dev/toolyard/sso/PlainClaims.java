package dev.toolyard.sso;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Claims as plain JSON values (strings, numbers, booleans, lists and maps of them): what the
 * session keeps (Spring Session serialises it), apps see in {@code current_user.claims} and
 * expressions evaluate. Times become seconds since the epoch, as in a JWT; anything else its text.
 * Claims that only serve the protocol's own checks are left out.
 */
final class PlainClaims {

    /** Checked by Spring Security and meaningless to apps. */
    private static final Set<String> PROTOCOL_ONLY = Set.of("nonce", "at_hash", "c_hash");

    private PlainClaims() {
    }

    static Map<String, Object> of(Map<String, Object> claims) {
        var plain = new LinkedHashMap<String, Object>();
        claims.forEach((name, value) -> {
            if (!PROTOCOL_ONLY.contains(name) && value != null) {
                plain.put(name, plain(value));
            }
        });
        return plain;
    }

    /** The claim at a dotted path ({@code realm_access.roles}), or a claim whose own name has dots. */
    static Object at(Map<String, Object> claims, String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        if (claims.containsKey(path)) {
            return claims.get(path);
        }
        Object current = claims;
        for (String step : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(step);
        }
        return current;
    }

    /** A claim as text; the first element of a list (SAML attributes are lists). */
    static String text(Map<String, Object> claims, String path) {
        Object value = at(claims, path);
        if (value instanceof List<?> list) {
            value = list.isEmpty() ? null : list.get(0);
        }
        return value == null ? null : value.toString();
    }

    /** A claim as a list of texts: a list's elements, or one value (some IdPs send one group as a string). */
    static List<String> texts(Map<String, Object> claims, String path) {
        Object value = at(claims, path);
        if (value instanceof Collection<?> values) {
            return values.stream().filter(item -> item != null).map(Object::toString).toList();
        }
        return value == null ? List.of() : List.of(value.toString());
    }

    private static Object plain(Object value) {
        if (value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value;
        }
        if (value instanceof Instant instant) {
            return instant.getEpochSecond();
        }
        if (value instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<String, Object>();
            map.forEach((key, item) -> {
                if (item != null) {
                    copy.put(key.toString(), plain(item));
                }
            });
            return copy;
        }
        if (value instanceof Collection<?> values) {
            var copy = new ArrayList<Object>(values.size());
            values.forEach(item -> copy.add(item == null ? null : plain(item)));
            return copy;
        }
        if (value instanceof Object[] array) {
            return plain(Arrays.asList(array));
        }
        return value.toString();
    }
}
