package dev.toolyard.scim;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Responses of the SCIM endpoints: the media type, ETags, Location, list messages. */
final class ScimResponses {

    private ScimResponses() {
    }

    /** {@code https://host/scim/v2}, as the request reached us, for {@code meta.location} and {@code $ref}. */
    static String baseUrl() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(Scim.BASE).toUriString();
    }

    static ResponseEntity<ObjectNode> resource(HttpStatus status, ObjectNode resource, String etag) {
        var builder = ResponseEntity.status(status).contentType(Scim.SCIM_JSON).header(HttpHeaders.ETAG, etag);
        if (status == HttpStatus.CREATED) {
            builder.location(URI.create(resource.get("meta").get("location").asString()));
        }
        return builder.body(resource);
    }

    static ResponseEntity<ObjectNode> ok(ObjectNode body) {
        return ResponseEntity.ok().contentType(Scim.SCIM_JSON).body(body);
    }

    static ResponseEntity<Void> noContent() {
        return ResponseEntity.noContent().build();
    }

    static ObjectNode list(long total, long startIndex, List<ObjectNode> resources) {
        var body = JsonNodeFactory.instance.objectNode();
        body.putArray("schemas").add(Scim.LIST_RESPONSE);
        body.put("totalResults", total);
        body.put("startIndex", startIndex);
        body.put("itemsPerPage", resources.size());
        var array = body.putArray("Resources");
        resources.forEach(array::add);
        return body;
    }
}
