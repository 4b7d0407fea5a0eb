package dev.toolyard.queries;

/** T-Q1: what a group may do with one library query. Use: see, import and run it; Edit: also change it. */
public enum LibraryLevel {
    USE, EDIT;

    boolean atLeast(LibraryLevel other) {
        return compareTo(other) >= 0;
    }
}
