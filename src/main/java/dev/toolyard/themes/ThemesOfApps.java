package dev.toolyard.themes;

import org.springframework.stereotype.Component;

import dev.toolyard.apps.AppThemes;
import dev.toolyard.shared.SpaceId;

/** Answers apps' document validation: which theme ids a document may name. */
@Component
class ThemesOfApps implements AppThemes {

    private final Themes themes;

    ThemesOfApps(Themes themes) {
        this.themes = themes;
    }

    @Override
    public boolean isThemeOf(SpaceId space, String themeId) {
        return themes.isThemeOf(space, themeId);
    }
}
