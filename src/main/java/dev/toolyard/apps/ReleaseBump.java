package dev.toolyard.apps;

import java.util.Locale;

/** Which part of the semantic version a new release raises (the parts after it start at 0). */
public enum ReleaseBump {
    MAJOR, MINOR, PATCH;

    /** The bump named (any case), or null for anything else: the service refuses null after its access check. */
    static ReleaseBump parse(String name) {
        if (name != null) {
            for (var bump : values()) {
                if (bump.name().equals(name.strip().toUpperCase(Locale.ROOT))) {
                    return bump;
                }
            }
        }
        return null;
    }
}
