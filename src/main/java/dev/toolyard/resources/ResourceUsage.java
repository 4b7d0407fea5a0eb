package dev.toolyard.resources;

import java.util.List;

import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ResourceId;

/**
 * What another module keeps that refers to a resource (queries, library query versions), so a
 * resource in use is not deleted from under it. Defined here and implemented by the modules that
 * refer to resources, so the dependency keeps pointing at resources.
 */
public interface ResourceUsage {

    /**
     * Short descriptions of what uses the resource, for the message that refuses its deletion;
     * empty when nothing does. Implementations name only what the caller may see and count the rest.
     */
    List<String> usesOf(Caller caller, ResourceId resource);
}
