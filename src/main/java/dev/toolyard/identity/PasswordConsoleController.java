package dev.toolyard.identity;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Settings → Password: the signed-in person changes their password (T-ID1). */
@Controller
@RequestMapping("/settings/password")
class PasswordConsoleController {

    private final PasswordChange passwords;

    PasswordConsoleController(PasswordChange passwords) {
        this.passwords = passwords;
    }

    @GetMapping
    String page() {
        return "password";
    }

    @PostMapping
    String change(Caller caller, @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword, Model model, HttpServletRequest request,
            HttpServletResponse response, RedirectAttributes flash) {
        try {
            passwords.change(caller, currentPassword, newPassword, request.getSession().getId());
            flash.addFlashAttribute("notice", "Your password is changed. Your other sessions are signed out.");
            return "redirect:/settings/password";
        } catch (InvalidInputException e) {
            e.fieldProblems().forEach(problem -> model.addAttribute(problem.field() + "Error", problem.message()));
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        } catch (ConflictException e) {
            model.addAttribute("error", e.getMessage());
            response.setStatus(HttpStatus.CONFLICT.value());
        } catch (ForbiddenException e) {
            model.addAttribute("error", e.getMessage());
            response.setStatus("auth.rate_limited".equals(e.code()) ? HttpStatus.TOO_MANY_REQUESTS.value()
                    : HttpStatus.FORBIDDEN.value());
        }
        return "password";
    }
}
