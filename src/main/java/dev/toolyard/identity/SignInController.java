package dev.toolyard.identity;

import java.util.regex.Pattern;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page; Spring Security handles the form post at the same address. */
@Controller
class SignInController {

    /** A refused SSO sign-in names its stable reason (`saml.expired`, `sso.user_disabled`…); nothing else is echoed. */
    private static final Pattern SSO_REASON = Pattern.compile("[a-z_]{1,40}\\.[a-z_]{1,60}");

    @GetMapping("/login")
    String page(Authentication authentication, @RequestParam(required = false) String error,
            @RequestParam(required = false) Integer minutes, @RequestParam(required = false) String reason,
            Model model) {
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return "redirect:/";
        }
        if (error != null) {
            model.addAttribute("error", switch (error) {
                case "throttled" -> "Too many failed sign-ins. Wait " + (minutes == null ? 15 : minutes)
                        + " minute(s) and try again.";
                case "disabled" -> "This account is disabled. Ask an administrator to enable it.";
                case "sso" -> "Single sign-on did not sign you in" + (reason == null || !SSO_REASON.matcher(reason)
                        .matches() ? "." : " (" + reason + ").") + " Try again, or ask an administrator.";
                default -> "Wrong e-mail or password.";
            });
        }
        return "login";
    }
}
