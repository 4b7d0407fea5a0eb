package dev.toolyard.queries;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.accept.ContentNegotiationManager;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.toolyard.api.FocusedHandlerMapping;

/** Query runs are the requests an instance answers most: their endpoints are found first. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class QueryRunRouting {

    @Bean
    RequestMappingHandlerMapping queryRunHandlerMapping(
            @Qualifier("mvcContentNegotiationManager") ContentNegotiationManager contentNegotiation) {
        return new FocusedHandlerMapping(QueryRunsApiController.class, contentNegotiation);
    }
}
