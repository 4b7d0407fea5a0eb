package dev.toolyard.themes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.FieldProblem;
import dev.toolyard.shared.InvalidInputException;

/**
 * The console's Themes page (T-TH1): every member sees the themes and their preview; those who may
 * manage themes create, edit, make default and delete. Every decision is {@link Themes}'.
 */
@Controller
@RequestMapping("/themes")
class ThemesConsoleController {

    static final String CUSTOM_FONT = "custom";
    private static final Map<String, String> COLOUR_LABELS = Map.of("brand", "Brand", "text", "Text",
            "mutedText", "Muted text", "surface", "Surface", "background", "Background", "border", "Border",
            "danger", "Danger", "success", "Success", "warning", "Warning", "info", "Info");

    private final Themes themes;

    ThemesConsoleController(Themes themes) {
        this.themes = themes;
    }

    @GetMapping
    String list(Caller caller, Model model) {
        model.addAttribute("themes", themes.list(caller));
        model.addAttribute("mayManage", themes.mayManage(caller));
        return "themes";
    }

    @PostMapping
    String create(Caller caller, @RequestParam String name, @RequestParam(defaultValue = "light") String mode,
            RedirectAttributes flash) {
        try {
            var theme = themes.create(caller, name, mode, Map.of());
            flash.addFlashAttribute("notice", "Theme '" + theme.name() + "' created.");
            return "redirect:/themes/" + theme.id();
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", message(e.getMessage(), e.fieldProblems()));
            return "redirect:/themes";
        }
    }

    @GetMapping("/{id}")
    String editor(Caller caller, @PathVariable UUID id, Model model) {
        var theme = themes.get(caller, new ThemeId(id));
        var tokens = theme.tokens().asMap();
        model.addAttribute("theme", theme);
        model.addAttribute("mayManage", themes.mayManage(caller));
        model.addAttribute("colours", ThemeTokens.COLOURS.stream()
                .map(name -> new Colour(name, COLOUR_LABELS.get(name), (String) tokens.get(name))).toList());
        model.addAttribute("fonts", ThemeTokens.FONTS);
        boolean listed = ThemeTokens.FONTS.stream().anyMatch(font -> font.stack().equals(theme.tokens().font()));
        model.addAttribute("fontChoice", listed ? theme.tokens().font() : CUSTOM_FONT);
        model.addAttribute("defaultName", themes.list(caller).stream().filter(Theme::isDefault).map(Theme::name)
                .findFirst().orElse(""));
        return "theme";
    }

    @PostMapping("/{id}")
    String save(Caller caller, @PathVariable UUID id, @RequestParam Map<String, String> form, RedirectAttributes flash) {
        var tokens = new LinkedHashMap<String, Object>();
        ThemeTokens.COLOURS.forEach(name -> tokens.put(name, form.get(name)));
        String font = form.get("font");
        tokens.put("font", CUSTOM_FONT.equals(font) ? form.get("customFont") : font);
        tokens.put("radius", form.get("radius"));
        tokens.put("spacing", form.get("spacing"));
        try {
            var theme = themes.update(caller, new ThemeId(id), form.get("name"), form.get("mode"), tokens);
            flash.addFlashAttribute("notice", "Theme '" + theme.name() + "' saved. Apps wearing it show the change "
                    + "when they next load.");
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", message(e.getMessage(), e.fieldProblems()));
        }
        return "redirect:/themes/" + id;
    }

    @PostMapping("/{id}/default")
    String makeDefault(Caller caller, @PathVariable UUID id, RedirectAttributes flash) {
        var theme = themes.makeDefault(caller, new ThemeId(id));
        flash.addFlashAttribute("notice", "'" + theme.name() + "' is now the space's default theme.");
        return "redirect:/themes/" + id;
    }

    @PostMapping("/{id}/delete")
    String delete(Caller caller, @PathVariable UUID id, RedirectAttributes flash) {
        try {
            var theme = themes.get(caller, new ThemeId(id));
            themes.delete(caller, theme.id());
            flash.addFlashAttribute("notice", "Theme '" + theme.name() + "' deleted; apps that wore it now wear "
                    + "the default theme.");
            return "redirect:/themes";
        } catch (ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/themes/" + id;
        }
    }

    private static String message(String message, List<FieldProblem> problems) {
        if (problems.size() <= 1) {
            return message;
        }
        return problems.stream().map(problem -> problem.field() + " " + problem.message())
                .collect(Collectors.joining("; ", "Nothing was saved: ", "."));
    }

    record Colour(String name, String label, String value) {
    }
}
