package dev.toolyard.identity;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.ToolyardException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Settings → Two-factor (T-ID1): set up an authenticator app (QR code and the secret as text),
 * confirm with a first code, keep the recovery codes shown once, regenerate them, or turn
 * two-factor off. Secrets and codes are shown in the answer to the post that made them, never
 * through a redirect, which would keep them in the session's flash store.
 */
@Controller
@RequestMapping(TwoFactorEnrolmentGate.ENROLMENT_PAGE)
class TwoFactorConsoleController {

    private final TwoFactorEnrolments enrolments;
    private final UserRepository users;

    TwoFactorConsoleController(TwoFactorEnrolments enrolments, UserRepository users) {
        this.enrolments = enrolments;
        this.users = users;
    }

    @GetMapping
    String page(Authentication authentication, HttpServletRequest request, Model model) {
        return show(TwoFactorEnrolments.sessionPerson(authentication), request, model);
    }

    @PostMapping("/start")
    String start(Authentication authentication, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        var person = TwoFactorEnrolments.sessionPerson(authentication);
        try {
            model.addAttribute("started", enrolments.start(person, request.getRemoteAddr()));
        } catch (ToolyardException e) {
            refused(e, response, model);
        }
        return show(person, request, model);
    }

    @PostMapping("/confirm")
    String confirm(Authentication authentication, @RequestParam(defaultValue = "") String code,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        var person = TwoFactorEnrolments.sessionPerson(authentication);
        try {
            model.addAttribute("recoveryCodes", enrolments.confirm(person, code, request.getRemoteAddr()));
            model.addAttribute("notice", "Two-factor sign-in is on. From now on you sign in with a code too.");
            upgrade(person, request, response);
        } catch (InvalidInputException e) {
            // The authenticator already holds the secret: only the code needs typing again.
            model.addAttribute("confirming", true);
            refused(e, response, model);
        } catch (ToolyardException e) {
            refused(e, response, model);
        }
        return show(person, request, model);
    }

    @PostMapping("/recovery-codes")
    String regenerate(Authentication authentication, @RequestParam(defaultValue = "") String code,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        var person = TwoFactorEnrolments.sessionPerson(authentication);
        try {
            model.addAttribute("recoveryCodes", enrolments.regenerateRecoveryCodes(person, code, request.getRemoteAddr()));
            model.addAttribute("notice", "New recovery codes. The old ones no longer work.");
        } catch (ToolyardException e) {
            refused(e, response, model);
        }
        return show(person, request, model);
    }

    @PostMapping("/disable")
    String disable(Authentication authentication, @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        var person = TwoFactorEnrolments.sessionPerson(authentication);
        try {
            enrolments.disable(person, password, code, request.getRemoteAddr());
            model.addAttribute("notice", "Two-factor sign-in is off.");
        } catch (ToolyardException e) {
            refused(e, response, model);
        }
        return show(person, request, model);
    }

    /** Enrolled in this session: it now counts as signed in with both factors, and is no longer held at this page. */
    private void upgrade(SignedInUser person, HttpServletRequest request, HttpServletResponse response) {
        if (person.method() == SignInMethod.PASSWORD) {
            users.find(person.id()).ifPresent(user ->
                    TwoFactorSessions.upgrade(request, response, TwoFactorSignIn.bothFactors(user)));
        }
    }

    private String show(SignedInUser person, HttpServletRequest request, Model model) {
        model.addAttribute("status", enrolments.status(person.id()));
        model.addAttribute("enrolmentRequired", TwoFactorSessions.enrolmentRequired(request));
        return "two-factor";
    }

    private static void refused(ToolyardException e, HttpServletResponse response, Model model) {
        model.addAttribute("error", e.getMessage());
        if (e instanceof InvalidInputException) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        } else if (e instanceof ConflictException) {
            response.setStatus(HttpStatus.CONFLICT.value());
        } else if (e instanceof ForbiddenException && "auth.rate_limited".equals(e.code())) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        } else {
            response.setStatus(HttpStatus.FORBIDDEN.value());
        }
    }
}
