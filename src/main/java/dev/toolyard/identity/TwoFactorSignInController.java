package dev.toolyard.identity;

import java.io.IOException;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The second step of a password sign-in (T-ID1): a code from the authenticator app, or a recovery
 * code. Only a session pending two-factor gets the page; success ends like a password sign-in
 * (default space, then the page the person was heading to).
 */
@Controller
@RequestMapping("/login/two-factor")
class TwoFactorSignInController {

    private final TwoFactorSignIn twoFactor;
    private final SignInSuccessHandler success;

    TwoFactorSignInController(TwoFactorSignIn twoFactor, CurrentCaller currentCaller, TwoFactorRepository repository) {
        this.twoFactor = twoFactor;
        this.success = new SignInSuccessHandler(currentCaller, repository);
    }

    @GetMapping
    String page(HttpServletRequest request) {
        return TwoFactorSessions.pending(request).isPresent() ? "login-two-factor" : "redirect:/login";
    }

    /** Returns no view on success: the success handler has sent the redirect. */
    @PostMapping
    ModelAndView verify(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
            HttpServletResponse response) throws IOException, ServletException {
        var pending = TwoFactorSessions.pending(request);
        if (pending.isEmpty()) {
            return new ModelAndView("redirect:/login");
        }
        var outcome = twoFactor.complete(pending.get(), code, request.getRemoteAddr());
        if (outcome instanceof TwoFactorSignIn.Outcome.SignedIn signedIn) {
            TwoFactorSessions.signIn(request, response, signedIn.user());
            success.onAuthenticationSuccess(request, response, SecurityContextHolder.getContext().getAuthentication());
            return null;
        }
        var refused = (TwoFactorSignIn.Outcome.Refused) outcome;
        return switch (refused.reason()) {
            case EXPIRED -> {
                TwoFactorSessions.dropPending(request);
                yield new ModelAndView("redirect:/login?error=expired");
            }
            case DISABLED -> {
                TwoFactorSessions.dropPending(request);
                yield new ModelAndView("redirect:/login?error=disabled");
            }
            case SSO_REQUIRED -> {
                TwoFactorSessions.dropPending(request);
                yield new ModelAndView("redirect:/login?error=sso_required");
            }
            case RATE_LIMITED -> page("Too many failed sign-ins. Wait "
                    + Math.max(1, (refused.retryAfter().toSeconds() + 59) / 60) + " minute(s) and try again.",
                    HttpStatus.TOO_MANY_REQUESTS);
            case WRONG_CODE -> page("That code is wrong or was already used.", HttpStatus.UNAUTHORIZED);
        };
    }

    private static ModelAndView page(String error, HttpStatus status) {
        return new ModelAndView("login-two-factor", Map.of("error", error), status);
    }
}
