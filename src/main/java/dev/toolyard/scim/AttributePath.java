package dev.toolyard.scim;

import java.util.Locale;

/**
 * An attribute path of RFC 7644 §3.10: an optional schema URN, an attribute and an optional
 * sub-attribute. Names compare without case, so {@link #key()} is lower-case.
 */
record AttributePath(String schema, String attribute, String subAttribute) {

    /** Parses {@code name}, {@code name.givenName} or {@code urn:…:User:name.givenName}. */
    static AttributePath parse(String text, String errorCode) {
        String schema = null;
        String rest = text;
        if (text.regionMatches(true, 0, "urn:", 0, 4)) {
            int colon = text.lastIndexOf(':');
            schema = text.substring(0, colon);
            rest = text.substring(colon + 1);
        }
        int dot = rest.indexOf('.');
        String attribute = dot < 0 ? rest : rest.substring(0, dot);
        String sub = dot < 0 ? null : rest.substring(dot + 1);
        if (!validName(attribute) || sub != null && !validName(sub)) {
            throw ScimErrors.invalid(errorCode, "'" + text + "' is not an attribute path.");
        }
        return new AttributePath(schema, attribute, sub);
    }

    private static boolean validName(String name) {
        return name.matches("\\$?[A-Za-z][A-Za-z0-9_-]*");
    }

    /** Lower-case {@code attribute} or {@code attribute.sub}, without the schema. */
    String key() {
        String name = subAttribute == null ? attribute : attribute + "." + subAttribute;
        return name.toLowerCase(Locale.ROOT);
    }

    boolean inSchema(String urn) {
        return schema != null && schema.equalsIgnoreCase(urn);
    }

    AttributePath withSub(String sub) {
        return new AttributePath(schema, attribute, sub);
    }

    @Override
    public String toString() {
        return (schema == null ? "" : schema + ":") + attribute + (subAttribute == null ? "" : "." + subAttribute);
    }
}
