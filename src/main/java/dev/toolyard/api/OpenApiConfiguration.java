package dev.toolyard.api;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.toolyard.shared.Caller;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI document at {@code /api/v1/openapi.json} is generated from the controllers; this
 * adds what they cannot say themselves: bearer authentication and the one error shape.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String PROBLEM = "ApiProblem";

    static {
        // The caller comes from the session or token, never from the request's parameters.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenAPI toolyardOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Toolyard API").version("v1")
                        .description("Administer a Toolyard instance. Authenticate with "
                                + "'Authorization: Bearer <access token>'. Every error is an "
                                + "application/problem+json body with a stable 'code'."))
                .components(new Components().addSecuritySchemes("accessToken",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An access token created under Settings → API tokens")))
                .addSecurityItem(new SecurityRequirement().addList("accessToken"));
    }

    @Bean
    OpenApiCustomizer problemResponsesInOpenApi() {
        return openApi -> {
            ModelConverters.getInstance().readAll(ApiProblem.class).forEach(openApi.getComponents()::addSchemas);
            var content = new Content().addMediaType("application/problem+json",
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                operation.getResponses().putIfAbsent("400", new ApiResponse().description("Invalid request").content(content));
                operation.getResponses().putIfAbsent("401", new ApiResponse().description("Authentication required").content(content));
                operation.getResponses().putIfAbsent("403", new ApiResponse().description("Forbidden").content(content));
                operation.getResponses().putIfAbsent("404", new ApiResponse().description("Not found").content(content));
            }));
        };
    }
}
