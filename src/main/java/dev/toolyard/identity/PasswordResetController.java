package dev.toolyard.identity;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** T-ID1: "Forgot your password?" — ask for a link, then choose a new password behind it. */
@Controller
@RequestMapping("/password-reset")
class PasswordResetController {

    private final PasswordResets resets;

    PasswordResetController(PasswordResets resets) {
        this.resets = resets;
    }

    @GetMapping
    String requestForm() {
        return "password-reset-request";
    }

    @PostMapping
    String request(@RequestParam(defaultValue = "") String email, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        var wait = resets.request(email, request.getRemoteAddr());
        if (wait.isPresent()) {
            model.addAttribute("error", "Too many reset requests. Wait " + (wait.get().toMinutes() + 1)
                    + " minute(s) and try again.");
            model.addAttribute("email", email);
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            return "password-reset-request";
        }
        return "redirect:/password-reset?sent";
    }

    @GetMapping("/{token}")
    String form(@PathVariable String token, Model model, HttpServletResponse response) {
        noStore(response);
        if (!resets.linkUsable(token)) {
            return invalid(model, response, PasswordResets.invalidLink().getMessage(), HttpStatus.NOT_FOUND);
        }
        model.addAttribute("token", token);
        return "password-reset";
    }

    @PostMapping("/{token}")
    String reset(@PathVariable String token, @RequestParam(defaultValue = "") String password, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        noStore(response);
        try {
            resets.complete(token, password, request.getRemoteAddr());
            return "redirect:/login?passwordReset";
        } catch (NotFoundException e) {
            return invalid(model, response, e.getMessage(), HttpStatus.NOT_FOUND);
        } catch (ForbiddenException e) {
            return invalid(model, response, e.getMessage(), HttpStatus.FORBIDDEN);
        } catch (InvalidInputException e) {
            model.addAttribute("token", token);
            model.addAttribute("error", e.getMessage());
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "password-reset";
        }
    }

    private static String invalid(Model model, HttpServletResponse response, String message, HttpStatus status) {
        response.setStatus(status.value());
        model.addAttribute("message", message);
        return "password-reset-invalid";
    }

    /** The page's address holds the secret: keep it out of caches. */
    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
    }
}
