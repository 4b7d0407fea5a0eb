package dev.toolyard.spaces;

import java.util.UUID;

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
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.PageRequest;
import dev.toolyard.shared.SpaceId;

/** The console's Spaces page (T-SP1, T-SP4): list, create, rename and delete. */
@Controller
@RequestMapping("/spaces")
class SpacesConsoleController {

    private final SpaceManagement spaces;

    SpacesConsoleController(SpaceManagement spaces) {
        this.spaces = spaces;
    }

    @GetMapping
    String page(Caller caller, @RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("page", spaces.list(caller, new PageRequest(cursor, PageRequest.DEFAULT_LIMIT)));
        return "spaces";
    }

    @PostMapping
    String create(Caller caller, @RequestParam String name,
            @RequestParam(defaultValue = "false") boolean copyFromAdminSpace, RedirectAttributes flash) {
        try {
            var space = spaces.create(caller, name, copyFromAdminSpace);
            flash.addFlashAttribute("notice", "Space '" + space.name() + "' created.");
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
            flash.addFlashAttribute("draftName", name);
        }
        return "redirect:/spaces";
    }

    @PostMapping("/{id}/rename")
    String rename(Caller caller, @PathVariable UUID id, @RequestParam String name, RedirectAttributes flash) {
        try {
            var space = spaces.rename(caller, new SpaceId(id), name);
            flash.addFlashAttribute("notice", "Space renamed to '" + space.name() + "'.");
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/spaces";
    }

    @PostMapping("/{id}/copy-from-admin-space")
    String copyFromAdminSpace(Caller caller, @PathVariable UUID id, RedirectAttributes flash) {
        int copied = spaces.copyFromAdminSpace(caller, new SpaceId(id));
        flash.addFlashAttribute("notice", "Copied " + copied + " group definition(s), the allowed domains and the themes from the admin space.");
        return "redirect:/spaces";
    }

    @PostMapping("/{id}/delete")
    String delete(Caller caller, @PathVariable UUID id, RedirectAttributes flash) {
        try {
            var space = spaces.delete(caller, new SpaceId(id));
            flash.addFlashAttribute("notice", "Space '" + space.name() + "' deleted.");
        } catch (ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/spaces";
    }
}
