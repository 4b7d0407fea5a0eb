package dev.toolyard.web;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.view.RedirectView;

import dev.toolyard.access.GroupManagement;
import dev.toolyard.identity.CurrentCaller;
import dev.toolyard.queries.QueryLibrary;
import dev.toolyard.shared.Caller;
import dev.toolyard.spaces.SpaceManagement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Gives every rendered console page the frame's data ({@code console}: who and where, for the
 * header and the navigation, which shows only pages that exist). Added after the handler, and only
 * to a page about to be rendered: an API call answers with a body and has no view, so it pays
 * nothing — not even the per-request model machinery a {@code @ModelAttribute} advice costs every
 * controller (BENCHMARKS.md, issue 4) — and a redirect carries no model.
 */
@Component
class ConsoleFrame implements HandlerInterceptor, WebMvcConfigurer {

    private final CurrentCaller currentCaller;
    private final SpaceManagement spaces;
    private final GroupManagement groups;
    private final QueryLibrary library;

    ConsoleFrame(CurrentCaller currentCaller, SpaceManagement spaces, GroupManagement groups, QueryLibrary library) {
        this.currentCaller = currentCaller;
        this.spaces = spaces;
        this.groups = groups;
        this.library = library;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
            ModelAndView page) {
        if (page == null || !page.hasView() || page.getView() instanceof RedirectView
                || page.getViewName() != null && page.getViewName().startsWith("redirect:")) {
            return;
        }
        var view = currentCaller.resolve(request)
                .map(caller -> new ConsoleView(caller.label(), caller.spaceId().value(), spaces.nameOf(caller.spaceId()),
                        caller.instanceAdmin(), caller.spaceAdmin(),
                        groupAdmin(caller), library.mayOpen(caller),
                        currentCaller.switchableSpaces(caller).stream()
                                .map(space -> new ConsoleView.SpaceChoice(space.id().value(), space.name()))
                                .toList()));
        view.ifPresent(frame -> page.addObject("console", frame));
    }

    /**
     * Only pages show the frame, and only sessions see pages. A token may lack the scope to ask
     * which groups its owner administers.
     */
    private boolean groupAdmin(Caller caller) {
        return caller.channel() == Caller.Channel.SESSION && !caller.spaceAdmin()
                && !groups.administeredBy(caller).isEmpty();
    }
}
