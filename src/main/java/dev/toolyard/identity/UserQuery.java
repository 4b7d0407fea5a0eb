package dev.toolyard.identity;

import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.PageRequest;

/** A search of a space's users: text in name or e-mail, a filter, an order and a page. */
public record UserQuery(String text, UserFilter filter, UserSort sort, PageRequest page) {

    static final int MAX_TEXT = 200;

    public UserQuery {
        text = text == null ? "" : text.strip();
        if (text.length() > MAX_TEXT) {
            throw InvalidInputException.of("q", "field.size", "search text must be at most " + MAX_TEXT + " characters");
        }
        filter = filter == null ? UserFilter.ALL : filter;
        sort = sort == null ? UserSort.NAME : sort;
    }
}
