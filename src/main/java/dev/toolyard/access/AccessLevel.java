package dev.toolyard.access;

/**
 * T-A1, T-A4: Use < Edit < Own. Apps and folders use all three; resources and resource folders
 * stop at Edit, so the Admin group's Own is Edit there.
 */
public enum AccessLevel {
    USE, EDIT, OWN;

    public boolean atLeast(AccessLevel other) {
        return compareTo(other) >= 0;
    }

    static AccessLevel max(AccessLevel a, AccessLevel b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }
}
