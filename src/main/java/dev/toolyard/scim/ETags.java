package dev.toolyard.scim;

/**
 * Weak entity tags from a resource's version (RFC 7644 §3.14): {@code W/"7"}. A PUT, PATCH or
 * DELETE with {@code If-Match} proceeds only when one of the listed tags, or {@code *}, matches.
 */
final class ETags {

    private ETags() {
    }

    static String of(long version) {
        return "W/\"" + version + "\"";
    }

    static void check(String ifMatch, long version) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String current = opaque(of(version));
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || opaque(tag).equals(current)) {
                return;
            }
        }
        throw ScimErrors.versionMismatch(of(version));
    }

    /** The tag without its weakness mark: If-Match compares weakly here, since versions count changes. */
    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
