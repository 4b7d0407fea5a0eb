package dev.toolyard.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import dev.toolyard.identity.CurrentCaller;
import dev.toolyard.spaces.SpaceManagement;
import jakarta.servlet.http.HttpServletRequest;

/** Gives every console page the frame's data; the navigation shows only pages that exist. */
@ControllerAdvice(annotations = Controller.class)
class ConsoleModelAdvice {

    private final CurrentCaller currentCaller;
    private final SpaceManagement spaces;

    ConsoleModelAdvice(CurrentCaller currentCaller, SpaceManagement spaces) {
        this.currentCaller = currentCaller;
        this.spaces = spaces;
    }

    @ModelAttribute("console")
    ConsoleView console(HttpServletRequest request) {
        return currentCaller.resolve(request)
                .map(caller -> new ConsoleView(caller.label(), caller.spaceId().value(), spaces.nameOf(caller.spaceId()),
                        caller.instanceAdmin(), caller.spaceAdmin(), currentCaller.switchableSpaces(caller).stream()
                                .map(space -> new ConsoleView.SpaceChoice(space.id().value(), space.name()))
                                .toList()))
                .orElse(null);
    }
}
