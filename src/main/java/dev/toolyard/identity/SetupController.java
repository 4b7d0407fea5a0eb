package dev.toolyard.identity;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** T-D2: the page behind the one-time link where the first admin chooses e-mail and password. */
@Controller
@RequestMapping("/setup/{token}")
class SetupController {

    private final FirstAdminSetup setup;

    SetupController(FirstAdminSetup setup) {
        this.setup = setup;
    }

    @GetMapping
    String form(@PathVariable String token, Model model, HttpServletResponse response) {
        if (!setup.linkUsable(token)) {
            return invalid(model, response);
        }
        model.addAttribute("token", token);
        model.addAttribute("form", new FirstAdminSetup.AdminForm("", "", "", ""));
        return "setup";
    }

    @PostMapping
    String submit(@PathVariable String token, @ModelAttribute("form") FirstAdminSetup.AdminForm form, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        try {
            setup.completeWithLink(token, form, request.getRemoteAddr());
            return "redirect:/login?setUp";
        } catch (NotFoundException e) {
            return invalid(model, response);
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("token", token);
            model.addAttribute("form", new FirstAdminSetup.AdminForm(form.email(), form.firstName(), form.lastName(), ""));
            model.addAttribute("error", e.getMessage());
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "setup";
        }
    }

    private static String invalid(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("message", FirstAdminSetup.invalidLink().getMessage());
        return "setup-invalid";
    }
}
