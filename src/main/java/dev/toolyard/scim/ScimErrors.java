package dev.toolyard.scim;

import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.NotFoundException;

/** The domain exceptions SCIM requests end with; each code has its scimType (RFC 7644 §3.12). */
final class ScimErrors {

    private ScimErrors() {
    }

    static InvalidInputException invalid(String code, String message) {
        return InvalidInputException.of("scim", code, message);
    }

    static InvalidInputException invalidValue(String message) {
        return invalid(Scim.INVALID_VALUE, message);
    }

    static InvalidInputException mutability(String message) {
        return invalid(Scim.MUTABILITY, message);
    }

    static NotFoundException userNotFound(Object id) {
        return new NotFoundException("user.not_found", "There is no user " + id + " in this space.");
    }

    static NotFoundException groupNotFound(Object id) {
        return new NotFoundException("group.not_found", "There is no group " + id + " in this space.");
    }

    static ConflictException versionMismatch(String etag) {
        return new ConflictException(Scim.VERSION_MISMATCH,
                "The resource changed since that version; its version is now " + etag + ".");
    }
}
