package dev.toolyard.shared;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * T-API3: a page of a list is asked for with an opaque cursor (empty for the first page) and a
 * limit. The cursor carries the sort key of the last item seen, so pages stay stable while
 * items are added or removed.
 */
public record PageRequest(String cursor, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final String SEPARATOR = "\u0000";

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidInputException.of("limit", "request.invalid_limit",
                    "limit must be between 1 and " + MAX_LIMIT);
        }
        cursor = cursor == null || cursor.isBlank() ? null : cursor;
    }

    public static PageRequest first(int limit) {
        return new PageRequest(null, limit);
    }

    /** The sort key parts stored in the cursor, or an empty list for the first page. */
    public List<String> after(int parts) {
        if (cursor == null) {
            return List.of();
        }
        try {
            var decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(SEPARATOR, -1);
            if (decoded.length != parts) {
                throw invalidCursor();
            }
            return List.of(decoded);
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
    }

    public static String cursorOf(String... parts) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(SEPARATOR, parts).getBytes(StandardCharsets.UTF_8));
    }

    private static InvalidInputException invalidCursor() {
        return InvalidInputException.of("cursor", "request.invalid_cursor", "cursor is not one this API gave out");
    }
}
