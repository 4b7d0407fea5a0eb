/**
 * Themes (T-TH1): a space's named palettes — colours, font, radius, spacing, light or dark — with
 * exactly one default, managed by space admins and groups with the themes additional access
 * (T-A6), read by every member. Apps name a theme in their document; this module answers, for
 * the runtime, which theme an app wears at load. It never reads or changes app documents: apps
 * ask it through {@code AppThemes}, which it implements.
 */
package dev.toolyard.themes;
