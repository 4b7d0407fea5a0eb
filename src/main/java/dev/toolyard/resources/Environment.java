package dev.toolyard.resources;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.toolyard.access.GroupId;

/**
 * T-RS3: an environment of a space. Production and staging are {@code builtIn}. A {@code limited}
 * environment is used (run against, its configurations seen) only by members of {@code groups}
 * and by admins; {@code usable} says whether the caller who asked may.
 */
public record Environment(UUID id, String name, boolean builtIn, boolean limited, List<GroupId> groups,
        Instant createdAt, boolean usable) {

    public static final String PRODUCTION = "production";
    public static final String STAGING = "staging";

    public Environment {
        groups = List.copyOf(groups);
    }
}
