package dev.toolyard.identity;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The page behind an invitation link (T-U2). */
@Controller
@RequestMapping("/invitations/{token}")
class InvitationController {

    private final InvitationAcceptance acceptance;
    private final CurrentCaller currentCaller;

    InvitationController(InvitationAcceptance acceptance, CurrentCaller currentCaller) {
        this.acceptance = acceptance;
        this.currentCaller = currentCaller;
    }

    @GetMapping
    String page(@PathVariable String token, Model model, HttpServletResponse response) {
        var pending = acceptance.find(token);
        if (pending.isEmpty()) {
            return invalid(model, response);
        }
        model.addAttribute("token", token);
        model.addAttribute("invitation", pending.get());
        return "invitation";
    }

    @PostMapping
    String accept(@PathVariable String token, @RequestParam(defaultValue = "") String firstName,
            @RequestParam(defaultValue = "") String lastName, @RequestParam(defaultValue = "") String password,
            Model model, HttpServletRequest request, HttpServletResponse response) {
        try {
            acceptance.acceptWithPassword(token, firstName, lastName, password, request.getRemoteAddr());
            return "redirect:/login?joined";
        } catch (NotFoundException e) {
            return invalid(model, response);
        } catch (InvalidInputException | ForbiddenException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("token", token);
            model.addAttribute("invitation", acceptance.find(token).orElseThrow(InvitationAcceptance::invalid));
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "invitation";
        }
    }

    /** For people who already have an account: signing in brings them back here to confirm. */
    @GetMapping("/accept")
    String confirm(@PathVariable String token, Model model, HttpServletResponse response) {
        return page(token, model, response);
    }

    @PostMapping("/accept")
    String acceptSignedIn(@PathVariable String token, Caller caller, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        try {
            var space = acceptance.acceptAsSignedIn(token, caller.userId(), request.getRemoteAddr());
            currentCaller.switchTo(request, caller, space);
            return "redirect:/";
        } catch (NotFoundException e) {
            return invalid(model, response);
        }
    }

    private static String invalid(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("message", InvitationAcceptance.invalid().getMessage());
        return "invitation-invalid";
    }
}
