package dev.toolyard.identity;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.toolyard.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** "Ask to join": people of an allowed e-mail domain become suggested users (T-U1, T-U3). */
@Controller
@RequestMapping("/join")
class JoinController {

    private final JoinRequests joinRequests;

    JoinController(JoinRequests joinRequests) {
        this.joinRequests = joinRequests;
    }

    @GetMapping
    String form() {
        return "join";
    }

    @PostMapping
    String request(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String firstName,
            @RequestParam(defaultValue = "") String lastName, @RequestParam(defaultValue = "") String password,
            Model model, HttpServletRequest request, HttpServletResponse response) {
        try {
            joinRequests.request(email, firstName, lastName, password, request.getRemoteAddr());
            model.addAttribute("requested", true);
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("email", email);
            model.addAttribute("firstName", firstName);
            model.addAttribute("lastName", lastName);
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        return "join";
    }
}
