package dev.toolyard.scim;

import java.util.Locale;

/** A SCIM filter (RFC 7644 §3.4.2.2), parsed by {@link FilterParser}. */
sealed interface Filter {

    enum Operator {
        EQ, NE, CO, SW, EW, GT, GE, LT, LE;

        static Operator of(String word) {
            try {
                return valueOf(word.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** {@code value} is a String, Boolean, Number or null (JSON's literals). */
    record Comparison(AttributePath path, Operator operator, Object value) implements Filter {
    }

    record Present(AttributePath path) implements Filter {
    }

    record And(Filter left, Filter right) implements Filter {
    }

    record Or(Filter left, Filter right) implements Filter {
    }

    record Not(Filter filter) implements Filter {
    }

    /** {@code emails[type eq "work" and value co "@example.com"]}: one element must match all. */
    record ValuePath(AttributePath path, Filter filter) implements Filter {
    }
}
