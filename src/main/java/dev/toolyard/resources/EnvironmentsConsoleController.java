package dev.toolyard.resources;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.toolyard.access.GroupId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.InvalidInputException;

/** The console's Environments page (T-RS3), for space admins: add, rename, limit to groups, delete. */
@Controller
@RequestMapping("/environments")
class EnvironmentsConsoleController {

    private final Environments environments;

    EnvironmentsConsoleController(Environments environments) {
        this.environments = environments;
    }

    @GetMapping
    String page(Caller caller, Model model) {
        model.addAttribute("groups", environments.groupChoices(caller));
        model.addAttribute("environments", environments.list(caller));
        return "environments";
    }

    @PostMapping
    String create(Caller caller, @RequestParam String name, @RequestParam(defaultValue = "false") boolean limited,
            @RequestParam(name = "group", required = false) List<UUID> groups, RedirectAttributes flash) {
        try {
            var environment = environments.create(caller, name, limited, groupIds(groups));
            flash.addFlashAttribute("notice", "Environment '" + environment.name() + "' added.");
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/environments";
    }

    @PostMapping("/{environment}")
    String update(Caller caller, @PathVariable String environment, @RequestParam(required = false) String name,
            @RequestParam(defaultValue = "false") boolean limited,
            @RequestParam(name = "group", required = false) List<UUID> groups, RedirectAttributes flash) {
        try {
            var saved = environments.update(caller, environment, name, limited, groupIds(groups));
            flash.addFlashAttribute("notice", "Environment '" + saved.name() + "' saved.");
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/environments";
    }

    @PostMapping("/{environment}/delete")
    String delete(Caller caller, @PathVariable String environment, RedirectAttributes flash) {
        try {
            environments.delete(caller, environment);
            flash.addFlashAttribute("notice", "Environment '" + environment + "' deleted with its configurations.");
        } catch (ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/environments";
    }

    private static List<GroupId> groupIds(List<UUID> groups) {
        return groups == null ? List.of() : groups.stream().map(GroupId::new).toList();
    }
}
