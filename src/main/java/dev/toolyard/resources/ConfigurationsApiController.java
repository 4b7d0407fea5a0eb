package dev.toolyard.resources;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.toolyard.resources.ResourceConfigurations.ConfigurationView;
import dev.toolyard.resources.ResourceConfigurations.ConnectionTest;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ResourceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A resource's configuration per environment over the API. The PUT body is the kind's settings
 * as one JSON object; a write-only field (password, token, secret header value) left out keeps
 * the stored one, JSON null clears it, and no answer ever contains one.
 */
@RestController
@RequestMapping("/api/v1/resources/{id}/configurations")
@Tag(name = "Resources")
class ConfigurationsApiController {

    private final ResourceConfigurations configurations;

    ConfigurationsApiController(ResourceConfigurations configurations) {
        this.configurations = configurations;
    }

    @GetMapping
    @Operation(summary = "The resource's configuration in each environment the caller may use (Use on it; scope resources:read)")
    List<ConfigurationView> list(Caller caller, @PathVariable UUID id) {
        return configurations.configurations(caller, new ResourceId(id));
    }

    @GetMapping("/{environment}")
    @Operation(summary = "The configuration for one environment, secrets shown only as <field>Set flags "
            + "(Use on the resource; scope resources:read)")
    ConfigurationView get(Caller caller, @PathVariable UUID id, @PathVariable String environment) {
        return configurations.configuration(caller, new ResourceId(id), environment);
    }

    @PutMapping("/{environment}")
    @Operation(summary = "Save the configuration for one environment. SQL kinds: host, port, database, user, "
            + "password, tlsMode (disable, require, verify-full), poolSize (1-20), connectTimeoutSeconds. REST: baseUrl, "
            + "headers [{name, value, secret}], queryParameters [{name, value}], auth {type: none | basic (user, "
            + "password) | bearer (token) | api_key (name, in: header|query, value)}, connectTimeoutSeconds. A left-out "
            + "secret keeps the stored one unless host or port (base URL's server) changed; null clears it "
            + "(Edit on the resource; scope resources:write)")
    ConfigurationView save(Caller caller, @PathVariable UUID id, @PathVariable String environment,
            @RequestBody Map<String, Object> settings) {
        return configurations.save(caller, new ResourceId(id), environment, settings);
    }

    @DeleteMapping("/{environment}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove the configuration for one environment (Edit on the resource; scope resources:write)")
    void delete(Caller caller, @PathVariable UUID id, @PathVariable String environment) {
        configurations.delete(caller, new ResourceId(id), environment);
    }

    @PostMapping("/{environment}/test")
    @Operation(summary = "Test the connection: without a body the stored configuration (Use), with a body those "
            + "unsaved settings (Edit); answers ok, or the source's failure code and message")
    ConnectionTest test(Caller caller, @PathVariable UUID id, @PathVariable String environment,
            @RequestBody(required = false) Map<String, Object> settings) {
        return configurations.test(caller, new ResourceId(id), environment, settings);
    }
}
