package dev.toolyard.themes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.toolyard.shared.FieldProblem;
import dev.toolyard.shared.InvalidInputException;

/**
 * The values of a theme, named as builders see them (docs/components.md maps each to the CSS
 * custom property components read). Colours are {@code #rrggbb}; {@code font} is a CSS
 * font-family list; {@code radius} (0–24) and {@code spacing} (the base unit, 2–16) are pixels.
 */
public record ThemeTokens(String brand, String text, String mutedText, String surface, String background,
        String border, String danger, String success, String warning, String info, String font, int radius,
        int spacing) {

    public static final List<String> COLOURS = List.of("brand", "text", "mutedText", "surface", "background",
            "border", "danger", "success", "warning", "info");
    public static final List<String> NAMES = List.of("brand", "text", "mutedText", "surface", "background",
            "border", "danger", "success", "warning", "info", "font", "radius", "spacing");
    public static final int MIN_RADIUS = 0;
    public static final int MAX_RADIUS = 24;
    public static final int MIN_SPACING = 2;
    public static final int MAX_SPACING = 16;
    public static final int MAX_FONT_LENGTH = 200;

    /** Font stacks that look right on every system, offered by the console; any valid family list is allowed too. */
    public static final List<Font> FONTS = List.of(
            new Font("System", "system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif"),
            new Font("Sans serif", "\"Helvetica Neue\", Helvetica, Arial, sans-serif"),
            new Font("Humanist", "Seravek, \"Gill Sans Nova\", Ubuntu, Calibri, \"DejaVu Sans\", sans-serif"),
            new Font("Serif", "Charter, \"Bitstream Charter\", \"Sitka Text\", Cambria, Georgia, serif"),
            new Font("Monospace", "ui-monospace, SFMono-Regular, Menlo, Consolas, \"DejaVu Sans Mono\", monospace"));

    /** The runtime's look before themes (V15's default theme has the same values). */
    public static final ThemeTokens LIGHT = new ThemeTokens("#2f5bd3", "#1d2330", "#5b6577", "#ffffff", "#f4f6fa",
            "#d9dee7", "#b42318", "#1f7a4d", "#9a6700", "#0b6aa2", FONTS.get(0).stack(), 6, 8);

    /** Light text on dark surfaces, with colours light enough to read on them. */
    public static final ThemeTokens DARK = new ThemeTokens("#6b8cff", "#e6e9ef", "#a3acbd", "#1c212b", "#12151c",
            "#363e4f", "#f47067", "#4ac28a", "#e3b341", "#58b4ec", FONTS.get(0).stack(), 6, 8);

    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    /** Letters, digits, spaces, commas, quotes and hyphens: a family list, never a way out of the property. */
    private static final Pattern FONT = Pattern.compile("[\\p{L}\\p{N} ,\"'-]+");

    public record Font(String label, String stack) {
    }

    public static ThemeTokens defaults(ThemeMode mode) {
        return mode == ThemeMode.DARK ? DARK : LIGHT;
    }

    /**
     * These tokens with {@code changes} applied (a token left out keeps its value), or an
     * {@code theme.invalid_tokens} naming every bad field as {@code tokens.<name>}.
     */
    public ThemeTokens with(Map<String, ?> changes) {
        var values = new LinkedHashMap<String, Object>(asMap());
        var problems = new ArrayList<FieldProblem>();
        changes.forEach((name, value) -> {
            String field = "tokens." + name;
            if (!NAMES.contains(name)) {
                problems.add(new FieldProblem(field, "theme.unknown_token", "is not a theme token"));
            } else if (COLOURS.contains(name)) {
                if (value instanceof String colour && COLOUR.matcher(colour).matches()) {
                    values.put(name, colour.toLowerCase(Locale.ROOT));
                } else {
                    problems.add(new FieldProblem(field, "theme.invalid_colour", "must be a colour like #2f5bd3"));
                }
            } else if (name.equals("font")) {
                String font = value instanceof String text ? text.strip() : null;
                if (validFont(font)) {
                    values.put(name, font);
                } else {
                    problems.add(new FieldProblem(field, "theme.invalid_font", "must be a list of font families of "
                            + "at most " + MAX_FONT_LENGTH + " letters, digits, spaces, commas, quotes and hyphens"));
                }
            } else {
                int min = name.equals("radius") ? MIN_RADIUS : MIN_SPACING;
                int max = name.equals("radius") ? MAX_RADIUS : MAX_SPACING;
                Integer pixels = pixels(value);
                if (pixels != null && pixels >= min && pixels <= max) {
                    values.put(name, pixels);
                } else {
                    problems.add(new FieldProblem(field, "theme.invalid_size",
                            "must be a whole number of pixels from " + min + " to " + max));
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidInputException("theme.invalid_tokens", "The theme has " + problems.size() + " invalid "
                    + (problems.size() == 1 ? "token" : "tokens") + "; the first: " + problems.get(0).field() + " "
                    + problems.get(0).message() + ".", problems);
        }
        return of(values);
    }

    /** In the documented order; radius and spacing as numbers of pixels. */
    public Map<String, Object> asMap() {
        var map = new LinkedHashMap<String, Object>();
        map.put("brand", brand);
        map.put("text", text);
        map.put("mutedText", mutedText);
        map.put("surface", surface);
        map.put("background", background);
        map.put("border", border);
        map.put("danger", danger);
        map.put("success", success);
        map.put("warning", warning);
        map.put("info", info);
        map.put("font", font);
        map.put("radius", radius);
        map.put("spacing", spacing);
        return map;
    }

    static ThemeTokens of(Map<String, ?> values) {
        return new ThemeTokens((String) values.get("brand"), (String) values.get("text"),
                (String) values.get("mutedText"), (String) values.get("surface"), (String) values.get("background"),
                (String) values.get("border"), (String) values.get("danger"), (String) values.get("success"),
                (String) values.get("warning"), (String) values.get("info"), (String) values.get("font"),
                ((Number) values.get("radius")).intValue(), ((Number) values.get("spacing")).intValue());
    }

    private static boolean validFont(String font) {
        return font != null && !font.isEmpty() && font.length() <= MAX_FONT_LENGTH && FONT.matcher(font).matches()
                && font.chars().filter(c -> c == '"').count() % 2 == 0
                && font.chars().filter(c -> c == '\'').count() % 2 == 0;
    }

    /** A JSON number, or the digits a console form sends. */
    private static Integer pixels(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            long pixels = ((Number) value).longValue();
            return pixels > 1000 || pixels < -1000 ? null : (int) pixels;
        }
        if (value instanceof String text && text.strip().matches("-?[0-9]{1,4}")) {
            return Integer.parseInt(text.strip());
        }
        return null;
    }
}
