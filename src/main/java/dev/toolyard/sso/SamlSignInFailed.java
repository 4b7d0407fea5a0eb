package dev.toolyard.sso;

import java.io.Serial;

import org.springframework.security.core.AuthenticationException;

/**
 * A SAML sign-in refused, with a stable reason (`saml.…`, or the code of the sign-in's domain error)
 * that the audit entry records and the sign-in page shows. The message never quotes the assertion.
 */
final class SamlSignInFailed extends AuthenticationException {

    @Serial
    private static final long serialVersionUID = 1L;

    static final String NOT_CONFIGURED = "saml.not_configured";
    static final String MALFORMED = "saml.malformed";
    static final String INVALID_RESPONSE = "saml.invalid_response";
    static final String INVALID_SIGNATURE = "saml.invalid_signature";
    static final String UNSIGNED = "saml.unsigned";
    static final String EXPIRED = "saml.expired";
    static final String NOT_YET_VALID = "saml.not_yet_valid";
    static final String WRONG_AUDIENCE = "saml.wrong_audience";
    static final String WRONG_ISSUER = "saml.wrong_issuer";
    static final String WRONG_DESTINATION = "saml.wrong_destination";
    static final String INVALID_SUBJECT_CONFIRMATION = "saml.invalid_subject_confirmation";
    static final String UNKNOWN_REQUEST = "saml.unknown_request";
    static final String IDP_REFUSED = "saml.idp_refused";
    static final String REPLAYED = "saml.replayed";
    static final String MISSING_EMAIL = "saml.missing_email";

    private final String reason;
    /** Who the response named, once that is known and trusted (after validation); else null. */
    private final String account;

    SamlSignInFailed(String reason, String message) {
        this(reason, message, null);
    }

    SamlSignInFailed(String reason, String message, String account) {
        super(message);
        this.reason = reason;
        this.account = account;
    }

    String reason() {
        return reason;
    }

    String account() {
        return account;
    }

    SamlSignInFailed naming(String who) {
        return new SamlSignInFailed(reason, getMessage(), who);
    }
}
