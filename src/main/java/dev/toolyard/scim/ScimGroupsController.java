package dev.toolyard.scim;

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

/** {@code /scim/v2/Groups}; see {@link ScimUsersController} for why it is not a {@code @RestController}. */
@Hidden
@Controller
@ResponseBody
@RequestMapping(Scim.BASE + "/Groups")
class ScimGroupsController {

    private final ScimGroups groups;

    ScimGroupsController(ScimGroups groups) {
        this.groups = groups;
    }

    @GetMapping
    ResponseEntity<ObjectNode> list(Caller caller, ListRequest.Parameters parameters) {
        var request = ListRequest.of(parameters);
        var listed = groups.list(caller, request);
        var base = ScimResponses.baseUrl();
        boolean members = request.projection().wants("members");
        var resources = listed.rows().stream()
                .map(row -> request.projection().apply(groups.json(caller, row, base, members), null))
                .toList();
        return ScimResponses.ok(ScimResponses.list(listed.total(), request.startIndex(), resources));
    }

    @GetMapping("/{id}")
    ResponseEntity<ObjectNode> get(Caller caller, @PathVariable String id,
            @RequestParam(required = false) String attributes, @RequestParam(required = false) String excludedAttributes) {
        var projection = Projection.of(attributes, excludedAttributes);
        var row = groups.get(caller, id);
        var json = groups.json(caller, row, ScimResponses.baseUrl(), projection.wants("members"));
        return ScimResponses.resource(HttpStatus.OK, projection.apply(json, null), row.etag());
    }

    @PostMapping
    ResponseEntity<ObjectNode> create(Caller caller, @RequestBody JsonNode body) {
        var row = groups.create(caller, body);
        return ScimResponses.resource(HttpStatus.CREATED, groups.json(caller, row, ScimResponses.baseUrl(), true),
                row.etag());
    }

    @PutMapping("/{id}")
    ResponseEntity<ObjectNode> replace(Caller caller, @PathVariable String id, @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        var row = groups.replace(caller, id, body, ifMatch);
        return ScimResponses.resource(HttpStatus.OK, groups.json(caller, row, ScimResponses.baseUrl(), true),
                row.etag());
    }

    /**
     * PATCH answers 200 with the group, members included; providers that push large groups can
     * ask for less with {@code ?excludedAttributes=members}.
     */
    @PatchMapping("/{id}")
    ResponseEntity<ObjectNode> patch(Caller caller, @PathVariable String id, @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestParam(required = false) String attributes, @RequestParam(required = false) String excludedAttributes) {
        var projection = Projection.of(attributes, excludedAttributes);
        var row = groups.patch(caller, id, body, ifMatch);
        var json = groups.json(caller, row, ScimResponses.baseUrl(), projection.wants("members"));
        return ScimResponses.resource(HttpStatus.OK, projection.apply(json, null), row.etag());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        groups.delete(caller, id, ifMatch);
        return ScimResponses.noContent();
    }
}
