package dev.toolyard.web;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

import dev.toolyard.access.GroupManagement;
import dev.toolyard.identity.CurrentCaller;
import dev.toolyard.queries.QueryLibrary;
import dev.toolyard.shared.Caller;
import dev.toolyard.spaces.SpaceManagement;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Gives every console page the frame's data; the navigation shows only pages that exist. Spring
 * applies it to {@code @RestController}s too (they are {@code @Controller}s), which it skips.
 */
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

    /**
     * Null for controllers that answer with a body (the API): they render no frame, and its data
     * (space name, switchable spaces) would cost several database round trips on every API call.
     */
    @ModelAttribute("console")
    ConsoleView console(HttpServletRequest request) {
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler
                && AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class)) {
            return null;
        }
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
     * Only pages show the frame, and only sessions see pages. A page controller's method that
     * answers with a body still gets this model, and a token may lack the scope to ask.
     */
    private boolean groupAdmin(Caller caller) {
        return caller.channel() == Caller.Channel.SESSION && !caller.spaceAdmin()
                && !groups.administeredBy(caller).isEmpty();
    }
}
