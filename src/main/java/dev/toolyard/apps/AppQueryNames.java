package dev.toolyard.apps;

import java.util.Set;

import dev.toolyard.shared.AppId;
import dev.toolyard.shared.SpaceId;

/**
 * The names of an app's queries and library imports, which its document may reference
 * ({@code runQuery}, the {@code queries} settings). Queries live in the queries module, which
 * depends on apps; it implements this so the dependency keeps pointing at apps.
 */
public interface AppQueryNames {

    Set<String> namesOf(SpaceId space, AppId app);
}
