package dev.toolyard.scim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The one shape of a SCIM error, for the exception handler and the security chain alike. */
final class ScimErrorBody {

    private ScimErrorBody() {
    }

    static Map<String, Object> of(int status, String scimType, String detail) {
        var body = new LinkedHashMap<String, Object>();
        body.put("schemas", List.of(Scim.ERROR));
        body.put("status", String.valueOf(status));
        if (scimType != null) {
            body.put("scimType", scimType);
        }
        body.put("detail", detail);
        return body;
    }

    static ResponseEntity<Map<String, Object>> response(HttpStatus status, String scimType, String detail) {
        return ResponseEntity.status(status).contentType(Scim.SCIM_JSON).body(of(status.value(), scimType, detail));
    }
}
