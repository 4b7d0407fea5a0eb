package dev.toolyard.api;

import org.springframework.web.accept.ContentNegotiationManager;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A handler mapping holding only one controller's endpoints, asked before Spring MVC's main one,
 * for the requests an instance answers most. Spring MVC finds the handler of a path with variables
 * by testing every mapping of the application, about 180 of them: 11–13 % of the server's CPU for
 * a one-row query run and for a SAML sign-in (JFR, BENCHMARKS.md, issues 4 and 7). The main mapping
 * holds these endpoints too (for the OpenAPI description); every other request falls through to it.
 */
public final class FocusedHandlerMapping extends RequestMappingHandlerMapping {

    private final Class<?> controller;

    public FocusedHandlerMapping(Class<?> controller, ContentNegotiationManager contentNegotiation) {
        this.controller = controller;
        setOrder(-1);
        setContentNegotiationManager(contentNegotiation);
    }

    @Override
    protected boolean isHandler(Class<?> beanType) {
        return controller.isAssignableFrom(beanType);
    }
}
