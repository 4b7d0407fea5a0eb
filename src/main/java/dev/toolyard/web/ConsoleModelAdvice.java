package dev.toolyard.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import dev.toolyard.access.GroupManagement;
import dev.toolyard.identity.CurrentCaller;
import dev.toolyard.queries.QueryLibrary;
import dev.toolyard.shared.Caller;
import dev.toolyard.spaces.SpaceManagement;
import jakarta.servlet.http.HttpServletRequest;

/** Gives every console page the frame's data; the navigation shows only pages that exist. */
@ControllerAdvice(annotations = Controller.class)
class ConsoleModelAdvice {

    private final CurrentCaller currentCaller;
    private final SpaceManagement spaces;
    private final GroupManagement groups;
    private final QueryLibrary library;

    ConsoleModelAdvice(CurrentCaller currentCaller, SpaceManagement spaces, GroupManagement groups,
            QueryLibrary library) {
        this.currentCaller = currentCaller;
        this.spaces = spaces;
        this.groups = groups;
        this.library = library;
    }

    @ModelAttribute("console")
    ConsoleView console(HttpServletRequest request) {
        return currentCaller.resolve(request)
                .map(caller -> new ConsoleView(caller.label(), caller.spaceId().value(), spaces.nameOf(caller.spaceId()),
                        caller.instanceAdmin(), caller.spaceAdmin(),
                        groupAdmin(caller), library.mayOpen(caller),
                        currentCaller.switchableSpaces(caller).stream()
                                .map(space -> new ConsoleView.SpaceChoice(space.id().value(), space.name()))
                                .toList()))
                .orElse(null);
    }

    /**
     * Only pages show the frame, and only sessions see pages. This advice runs for API controllers
     * too, where a token may lack the scope to ask (and the answer would be thrown away).
     */
    private boolean groupAdmin(Caller caller) {
        return caller.channel() == Caller.Channel.SESSION && !caller.spaceAdmin()
                && !groups.administeredBy(caller).isEmpty();
    }
}
