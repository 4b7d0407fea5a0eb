package dev.toolyard.queries;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.accept.ContentNegotiationManager;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Query runs are the requests an instance answers most. Spring MVC finds the handler of a path
 * with variables by testing every mapping of the application, about 180 of them: 13 % of the
 * server's CPU for a one-row run (JFR, issue 4). This mapping holds only the run endpoints and is
 * asked first; every other request falls through to the main mapping, which holds the run
 * endpoints too (for the OpenAPI description).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class QueryRunRouting {

    @Bean
    RequestMappingHandlerMapping queryRunHandlerMapping(
            @Qualifier("mvcContentNegotiationManager") ContentNegotiationManager contentNegotiation) {
        var mapping = new RunEndpointsMapping();
        mapping.setOrder(-1);
        mapping.setContentNegotiationManager(contentNegotiation);
        return mapping;
    }

    static final class RunEndpointsMapping extends RequestMappingHandlerMapping {

        @Override
        protected boolean isHandler(Class<?> beanType) {
            return QueryRunsApiController.class.isAssignableFrom(beanType);
        }
    }
}
