package dev.toolyard.identity;

import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.toolyard.shared.Caller;
import dev.toolyard.shared.SpaceId;
import jakarta.servlet.http.HttpServletRequest;

/** T-SP3: move the console to another space without signing in again. */
@Controller
class SpaceSwitchController {

    private final CurrentCaller currentCaller;

    SpaceSwitchController(CurrentCaller currentCaller) {
        this.currentCaller = currentCaller;
    }

    @PostMapping("/switch-space")
    String switchSpace(Caller caller, @RequestParam UUID space, HttpServletRequest request) {
        currentCaller.switchTo(request, caller, new SpaceId(space));
        return "redirect:/";
    }
}
