package dev.toolyard.apps;

import dev.toolyard.shared.SpaceId;

/**
 * The themes an app's document may name in {@code settings.theme} (T-TH1). Themes live in the
 * themes module, which depends on apps; it implements this so the dependency keeps pointing at apps.
 */
public interface AppThemes {

    /** Whether {@code themeId} (any text a document holds) is the id of a theme of the space. */
    boolean isThemeOf(SpaceId space, String themeId);
}
