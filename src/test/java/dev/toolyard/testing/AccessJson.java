package dev.toolyard.testing;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The body of PUT /api/v1/groups/{id}/access, built step by step; unset parts are empty. */
public final class AccessJson {

    private String globalApps;
    private String globalResources;
    private final Map<String, String> folders = new LinkedHashMap<>();
    private final Map<String, String> apps = new LinkedHashMap<>();
    private final Map<String, String> resourceFolders = new LinkedHashMap<>();
    private final Map<String, String> resources = new LinkedHashMap<>();
    private final Set<String> applyToApps = new LinkedHashSet<>();
    private final Set<String> applyToResources = new LinkedHashSet<>();
    private final Set<String> additional = new LinkedHashSet<>();

    private AccessJson() {
    }

    public static AccessJson access() {
        return new AccessJson();
    }

    public AccessJson globalApps(String level) {
        globalApps = level;
        return this;
    }

    /** The folder's level and default; apps already in it keep theirs (T-A3). */
    public AccessJson folder(String folder, String level) {
        folders.put(folder, level);
        return this;
    }

    /** The folder's level, also set on every app in it now (the folder checkbox, T-A3). */
    public AccessJson folderApplied(String folder, String level) {
        folders.put(folder, level);
        applyToApps.add(folder);
        return this;
    }

    public AccessJson app(String app, String level) {
        apps.put(app, level);
        return this;
    }

    public AccessJson globalResources(String level) {
        globalResources = level;
        return this;
    }

    public AccessJson resourceFolder(String folder, String level) {
        resourceFolders.put(folder, level);
        return this;
    }

    public AccessJson resourceFolderApplied(String folder, String level) {
        resourceFolders.put(folder, level);
        applyToResources.add(folder);
        return this;
    }

    public AccessJson resource(String resource, String level) {
        resources.put(resource, level);
        return this;
    }

    public AccessJson additional(String... flags) {
        additional.addAll(List.of(flags));
        return this;
    }

    public String json() {
        return "{\"globalApps\":" + TestSpace.quoted(globalApps) + ",\"folders\":" + map(folders) + ",\"apps\":"
                + map(apps) + ",\"globalResources\":" + TestSpace.quoted(globalResources) + ",\"resourceFolders\":"
                + map(resourceFolders) + ",\"resources\":" + map(resources) + ",\"applyToApps\":"
                + TestSpaces.jsonList(List.copyOf(applyToApps)) + ",\"applyToResources\":"
                + TestSpaces.jsonList(List.copyOf(applyToResources)) + ",\"additional\":"
                + TestSpaces.jsonList(List.copyOf(additional)) + "}";
    }

    @Override
    public String toString() {
        return json();
    }

    private static String map(Map<String, String> levels) {
        return levels.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + TestSpace.quoted(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }
}
