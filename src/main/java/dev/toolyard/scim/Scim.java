package dev.toolyard.scim;

import org.springframework.http.MediaType;

/** Names RFC 7643 and 7644 fix: media type, schema and message URNs, the error codes' scimTypes. */
final class Scim {

    static final String MEDIA_TYPE = "application/scim+json";
    static final MediaType SCIM_JSON = MediaType.parseMediaType(MEDIA_TYPE);
    static final String BASE = "/scim/v2";

    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    static final String SERVICE_PROVIDER_CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    static final String RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    /** Error codes of this module; {@link ScimExceptionHandler} turns each into its scimType. */
    static final String INVALID_FILTER = "scim.invalid_filter";
    static final String INVALID_PATH = "scim.invalid_path";
    static final String NO_TARGET = "scim.no_target";
    static final String INVALID_VALUE = "scim.invalid_value";
    static final String INVALID_SYNTAX = "scim.invalid_syntax";
    static final String MUTABILITY = "scim.mutability";
    static final String UNIQUENESS = "scim.uniqueness";
    static final String VERSION_MISMATCH = "scim.version_mismatch";

    private Scim() {
    }
}
