package dev.toolyard.scim;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import dev.toolyard.scim.ScimSchemas.Schema;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Hidden;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** RFC 7644 §4: what this service provider supports, its resource types and schemas. */
@Hidden
@Controller
@ResponseBody
@RequestMapping(Scim.BASE)
class ScimDiscoveryController {

    private static final List<Schema> SCHEMAS = List.of(ScimSchemas.USER, ScimSchemas.ENTERPRISE_USER, ScimSchemas.GROUP);

    @GetMapping("/ServiceProviderConfig")
    ResponseEntity<ObjectNode> serviceProviderConfig(Caller caller) {
        ScimCallers.of(caller);
        var factory = JsonNodeFactory.instance;
        var config = factory.objectNode();
        config.putArray("schemas").add(Scim.SERVICE_PROVIDER_CONFIG);
        config.putObject("patch").put("supported", true);
        config.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        config.putObject("filter").put("supported", true).put("maxResults", ListRequest.MAX_COUNT);
        config.putObject("changePassword").put("supported", false);
        config.putObject("sort").put("supported", true);
        config.putObject("etag").put("supported", true);
        var scheme = config.putArray("authenticationSchemes").addObject();
        scheme.put("type", "oauthbearertoken");
        scheme.put("name", "Access token");
        scheme.put("description", "An access token of the space with the scope scim, made by an admin of the space");
        scheme.put("primary", true);
        var meta = config.putObject("meta");
        meta.put("resourceType", "ServiceProviderConfig");
        meta.put("location", ScimResponses.baseUrl() + "/ServiceProviderConfig");
        return ScimResponses.ok(config);
    }

    @GetMapping("/ResourceTypes")
    ResponseEntity<ObjectNode> resourceTypes(Caller caller) {
        ScimCallers.of(caller);
        var base = ScimResponses.baseUrl();
        return ScimResponses.ok(ScimResponses.list(2, 1, List.of(userType(base), groupType(base))));
    }

    @GetMapping("/ResourceTypes/{name}")
    ResponseEntity<ObjectNode> resourceType(Caller caller, @PathVariable String name) {
        ScimCallers.of(caller);
        var base = ScimResponses.baseUrl();
        if (name.equals("User")) {
            return ScimResponses.ok(userType(base));
        }
        if (name.equals("Group")) {
            return ScimResponses.ok(groupType(base));
        }
        throw new NotFoundException("scim.resource_type_not_found", "There is no resource type " + name + ".");
    }

    @GetMapping("/Schemas")
    ResponseEntity<ObjectNode> schemas(Caller caller) {
        ScimCallers.of(caller);
        var base = ScimResponses.baseUrl();
        return ScimResponses.ok(ScimResponses.list(SCHEMAS.size(), 1,
                SCHEMAS.stream().map(schema -> ScimSchemas.json(schema, base)).toList()));
    }

    @GetMapping("/Schemas/{id}")
    ResponseEntity<ObjectNode> schema(Caller caller, @PathVariable String id) {
        ScimCallers.of(caller);
        return SCHEMAS.stream().filter(schema -> schema.id().equals(id)).findFirst()
                .map(schema -> ScimResponses.ok(ScimSchemas.json(schema, ScimResponses.baseUrl())))
                .orElseThrow(() -> new NotFoundException("scim.schema_not_found",
                        "There is no schema " + id + "."));
    }

    /**
     * Any other path under /scim/v2: a SCIM 404 rather than the console's error page, which a
     * provider could not read. More specific mappings win, so this only catches the rest.
     */
    @RequestMapping("/**")
    ResponseEntity<ObjectNode> unknown(Caller caller) {
        throw new NotFoundException("scim.endpoint_not_found", "There is no such SCIM endpoint.");
    }

    private static ObjectNode userType(String base) {
        var type = resourceType("User", "/Users", "A user of the space", Scim.USER, base);
        type.putArray("schemaExtensions").addObject().put("schema", Scim.ENTERPRISE_USER).put("required", false);
        return type;
    }

    private static ObjectNode groupType(String base) {
        return resourceType("Group", "/Groups", "A custom permission group of the space", Scim.GROUP, base);
    }

    private static ObjectNode resourceType(String name, String endpoint, String description, String schema, String base) {
        var type = JsonNodeFactory.instance.objectNode();
        type.putArray("schemas").add(Scim.RESOURCE_TYPE);
        type.put("id", name);
        type.put("name", name);
        type.put("endpoint", endpoint);
        type.put("description", description);
        type.put("schema", schema);
        var meta = type.putObject("meta");
        meta.put("resourceType", "ResourceType");
        meta.put("location", base + "/ResourceTypes/" + name);
        return type;
    }
}
