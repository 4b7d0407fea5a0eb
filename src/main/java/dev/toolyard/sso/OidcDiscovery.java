package dev.toolyard.sso;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.springframework.stereotype.Component;

import dev.toolyard.shared.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an OpenID provider's configuration from {@code <issuer>/.well-known/openid-configuration}
 * when its settings are saved (OpenID Connect Discovery 1.0): the document must name the same
 * issuer and give the endpoints a sign-in needs. Every failure is a field problem on
 * {@code issuer} saying what went wrong, so an admin can fix the URL or the network.
 */
@Component
class OidcDiscovery {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_DOCUMENT = 256 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    OidcEndpoints discover(String issuer) {
        var location = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(location).timeout(TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw failed("could not reach " + location + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("discovery was interrupted");
        }
        if (response.statusCode() != 200) {
            throw failed(location + " answered HTTP " + response.statusCode());
        }
        if (response.body().length > MAX_DOCUMENT) {
            throw failed(location + " answered more than " + MAX_DOCUMENT / 1024 + " KiB");
        }
        JsonNode document;
        try {
            document = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw failed(location + " did not answer JSON");
        }
        String announced = text(document, "issuer");
        if (!issuer.replaceAll("/+$", "").equals(announced == null ? null : announced.replaceAll("/+$", ""))) {
            throw failed("the provider names its issuer '" + announced + "', not '" + issuer + "'");
        }
        return new OidcEndpoints(announced, required(document, "authorization_endpoint"),
                required(document, "token_endpoint"), required(document, "jwks_uri"),
                text(document, "userinfo_endpoint"));
    }

    private static String required(JsonNode document, String field) {
        String value = text(document, field);
        if (value == null || value.isBlank()) {
            throw failed("the provider's configuration has no " + field);
        }
        return value;
    }

    private static String text(JsonNode document, String field) {
        var value = document.get(field);
        return value == null || !value.isString() ? null : value.asString();
    }

    private static InvalidInputException failed(String reason) {
        return InvalidInputException.of("issuer", "sso.discovery_failed", "OpenID Connect discovery failed: " + reason);
    }
}
