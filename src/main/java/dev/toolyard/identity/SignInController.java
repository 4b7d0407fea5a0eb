package dev.toolyard.identity;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletRequest;

/** The sign-in page; Spring Security handles the form post at the same address. */
@Controller
class SignInController {

    private final ObjectProvider<SignInOptions> options;

    SignInController(ObjectProvider<SignInOptions> options) {
        this.options = options;
    }

    @GetMapping("/login")
    String page(Authentication authentication, @RequestParam(required = false) String error,
            @RequestParam(required = false) Integer minutes, HttpServletRequest request, Model model) {
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return "redirect:/";
        }
        if (error != null) {
            model.addAttribute("error", switch (error) {
                case "throttled" -> "Too many failed sign-ins. Wait " + (minutes == null ? 15 : minutes)
                        + " minute(s) and try again.";
                case "disabled" -> "This account is disabled. Ask an administrator to enable it.";
                case "sso_required" -> "Your spaces require single sign-on: use your company's sign-in below.";
                case "expired" -> "The sign-in took too long. Enter your e-mail and password again.";
                default -> "Wrong e-mail or password.";
            });
        }
        var session = request.getSession(false);
        if (session != null && session.getAttribute(ExternalSessions.REFUSAL_ATTRIBUTE) instanceof String refusal) {
            session.removeAttribute(ExternalSessions.REFUSAL_ATTRIBUTE);
            model.addAttribute("error", refusal);
        }
        model.addAttribute("signInOptions", options.orderedStream()
                .flatMap(provider -> provider.signInOptions().stream()).toList());
        return "login";
    }
}
