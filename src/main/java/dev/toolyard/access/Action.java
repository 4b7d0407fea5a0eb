package dev.toolyard.access;

/** What a person wants to do with an object, and the level it takes (T-A1, T-A3, T-A4). */
public enum Action {
    /** Open an app as an end user; see a resource's configuration and write queries on it. */
    USE(AccessLevel.USE),
    /** Change an app, or a resource's configuration. */
    EDIT(AccessLevel.EDIT),
    /** Delete an app for good, change who may access it. */
    OWN(AccessLevel.OWN),
    /** Create an app in a folder, or a resource in a resource folder. */
    CREATE_IN(AccessLevel.EDIT);

    private final AccessLevel required;

    Action(AccessLevel required) {
        this.required = required;
    }

    public AccessLevel required() {
        return required;
    }
}
