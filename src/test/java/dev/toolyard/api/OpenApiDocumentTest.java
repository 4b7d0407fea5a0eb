package dev.toolyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.ToolyardTest;

/** T-API1: the OpenAPI document is generated from the code and describes the one error shape. */
@ToolyardTest
class OpenApiDocumentTest {

    @LocalServerPort
    int port;

    @Test
    void theDocumentIsPublicAndListsTheEndpointsAndTheErrorShape() {
        var response = new ApiClient(port, null).get("/api/v1/openapi.json");

        assertThat(response.status()).isEqualTo(200);
        var document = response.json();
        assertThat(document.get("paths").propertyNames()).contains("/api/v1/spaces", "/api/v1/spaces/{id}",
                "/api/v1/me", "/api/v1/tokens", "/api/v1/tokens/{id}", "/api/v1/audit/verify");
        assertThat(document.get("components").get("schemas").get("ApiProblem").get("properties").propertyNames())
                .contains("code", "status", "detail", "errors");
        assertThat(document.get("components").get("securitySchemes").get("accessToken").get("scheme").asString())
                .isEqualTo("bearer");
        assertThat(response.body()).doesNotContain("\"caller\"");
    }
}
