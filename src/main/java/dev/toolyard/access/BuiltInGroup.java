package dev.toolyard.access;

/** T-G1: the four groups every space has, whose rules cannot be changed or deleted. */
public enum BuiltInGroup {
    ALL_USERS("All Users"),
    VIEWER("Viewer"),
    EDITOR("Editor"),
    ADMIN("Admin");

    private final String displayName;

    BuiltInGroup(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
