package dev.toolyard.scim;

import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import dev.toolyard.shared.Caller;
import io.swagger.v3.oas.annotations.Hidden;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /scim/v2/Users}. A {@code @Controller} with {@code @ResponseBody} rather than a
 * {@code @RestController}, so the API's problem-JSON advice does not claim its errors. SCIM describes
 * itself through /Schemas and /ResourceTypes, so it stays out of the OpenAPI document.
 */
@Hidden
@Controller
@ResponseBody
@RequestMapping(Scim.BASE + "/Users")
class ScimUsersController {

    private final ScimUsers users;

    ScimUsersController(ScimUsers users) {
        this.users = users;
    }

    @GetMapping
    ResponseEntity<ObjectNode> list(Caller caller, ListRequest.Parameters parameters) {
        var request = ListRequest.of(parameters);
        var listed = users.list(caller, request);
        var base = ScimResponses.baseUrl();
        var groups = request.projection().wants("groups") ? users.scimGroups(caller)
                : new ScimUsers.GroupIds(Set::<UUID>of);
        var resources = listed.rows().stream()
                .map(row -> request.projection().apply(users.json(caller, row, base, groups), Scim.ENTERPRISE_USER))
                .toList();
        return ScimResponses.ok(ScimResponses.list(listed.total(), request.startIndex(), resources));
    }

    @GetMapping("/{id}")
    ResponseEntity<ObjectNode> get(Caller caller, @PathVariable String id,
            @RequestParam(required = false) String attributes, @RequestParam(required = false) String excludedAttributes) {
        var row = users.get(caller, id);
        var json = users.json(caller, row, ScimResponses.baseUrl(), users.scimGroups(caller));
        return ScimResponses.resource(HttpStatus.OK, Projection.of(attributes, excludedAttributes)
                .apply(json, Scim.ENTERPRISE_USER), row.etag());
    }

    @PostMapping
    ResponseEntity<ObjectNode> create(Caller caller, @RequestBody JsonNode body) {
        var row = users.create(caller, body);
        return ScimResponses.resource(HttpStatus.CREATED, users.json(caller, row, ScimResponses.baseUrl(),
                users.scimGroups(caller)), row.etag());
    }

    @PutMapping("/{id}")
    ResponseEntity<ObjectNode> replace(Caller caller, @PathVariable String id, @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        var row = users.replace(caller, id, body, ifMatch);
        return ScimResponses.resource(HttpStatus.OK, users.json(caller, row, ScimResponses.baseUrl(),
                users.scimGroups(caller)), row.etag());
    }

    @PatchMapping("/{id}")
    ResponseEntity<ObjectNode> patch(Caller caller, @PathVariable String id, @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        var row = users.patch(caller, id, body, ifMatch);
        return ScimResponses.resource(HttpStatus.OK, users.json(caller, row, ScimResponses.baseUrl(),
                users.scimGroups(caller)), row.etag());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        users.delete(caller, id, ifMatch);
        return ScimResponses.noContent();
    }
}
