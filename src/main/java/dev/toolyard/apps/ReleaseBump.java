package dev.toolyard.apps;

/** Which part of the semantic version a new release raises (the parts after it start at 0). */
public enum ReleaseBump {
    MAJOR, MINOR, PATCH
}
