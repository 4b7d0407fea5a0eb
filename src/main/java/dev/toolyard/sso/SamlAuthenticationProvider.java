package dev.toolyard.sso;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;

import com.onelogin.saml2.exception.ValidationError;
import com.onelogin.saml2.util.Constants;

import dev.toolyard.audit.AuditLog;
import dev.toolyard.audit.AuditOutcome;
import dev.toolyard.audit.AuditRecord;
import dev.toolyard.shared.ToolyardException;

/**
 * SAML 2.0 sign-in (T-ID2) as a Spring Security authentication provider. Every check of the
 * response is java-saml's (signature by a configured certificate through Apache Santuario,
 * issuer, audience, destination, recipient, validity window, InResponseTo); this class
 * only decides which request the response may answer, refuses a second use of an assertion,
 * turns the assertion into an {@link ExternalIdentity} and hands it to {@link SsoSignIns}, which
 * provisions, maps roles and refuses disabled people. Every refusal of the response is audited here
 * as an {@code auth.sign_in} failure with its reason, never with the assertion; SsoSignIns audits
 * its own refusals. The XML schema is checked by {@link SamlResponseMessage}, with the schema
 * compiled once.
 */
class SamlAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(SamlAuthenticationProvider.class);

    /** java-saml's fixed allowance for clocks that disagree (it accepts that much past NotOnOrAfter). */
    static final Duration CLOCK_DRIFT = Duration.ofSeconds(Constants.ALOWED_CLOCK_DRIFT);

    private final IdentityProviders providers;
    private final SamlServiceProvider serviceProvider;
    private final SamlAssertionReplays replays;
    private final SsoSignIns signIns;
    private final AuditLog auditLog;
    private final Clock clock;

    SamlAuthenticationProvider(IdentityProviders providers, SamlServiceProvider serviceProvider,
            SamlAssertionReplays replays, SsoSignIns signIns, AuditLog auditLog, Clock clock) {
        this.providers = providers;
        this.serviceProvider = serviceProvider;
        this.replays = replays;
        this.signIns = signIns;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var posted = (SamlResponseToken) authentication;
        var verified = verify(posted);
        try {
            var result = signIns.signIn(posted.space(), verified.provider().id(), SsoProtocol.SAML,
                    verified.identity(), posted.clientAddress());
            return posted.signedIn(result, verified.answered());
        } catch (ToolyardException refused) {
            // SsoSignIns has audited its refusal (disabled, not provisioned, awaiting approval…).
            throw new SamlSignInFailed(refused.code(), refused.getMessage(), verified.identity().email());
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return SamlResponseToken.class.isAssignableFrom(authentication);
    }

    private Verified verify(SamlResponseToken posted) {
        try {
            return verifyOrRefuse(posted);
        } catch (SamlSignInFailed failure) {
            audit(posted, failure);
            throw failure;
        }
    }

    private Verified verifyOrRefuse(SamlResponseToken posted) {
        var provider = providers.saml(posted.space()).orElseThrow(() -> new SamlSignInFailed(
                SamlSignInFailed.NOT_CONFIGURED, "This space has no SAML identity provider."));
        SamlResponseMessage response;
        try {
            response = new SamlResponseMessage(serviceProvider.forProvider(posted.space(), provider),
                    serviceProvider.acsUrl(posted.space()), posted.encodedResponse());
        } catch (Exception e) {
            throw new SamlSignInFailed(SamlSignInFailed.MALFORMED, "The SAML response could not be read.");
        }
        if (!response.matchesSchema()) {
            throw new SamlSignInFailed(SamlSignInFailed.MALFORMED, "The SAML response does not follow the SAML schema.");
        }
        String answered = response.inResponseTo();
        if (answered != null && !posted.openRequests().contains(answered)) {
            throw new SamlSignInFailed(SamlSignInFailed.UNKNOWN_REQUEST,
                    "The SAML response answers a sign-in this browser did not start or already finished.");
        }
        if (!response.isValid(answered)) {
            throw refusal(response.getValidationException());
        }
        try {
            if (!replays.firstUse(provider.idpEntityId(), response.getAssertionId(), rememberUntil(response))) {
                throw new SamlSignInFailed(SamlSignInFailed.REPLAYED, "This SAML assertion was already used.",
                        response.getNameId());
            }
            return new Verified(provider, answered, SamlIdentities.of(provider, response.getNameId(),
                    response.getNameIdFormat(), response.getSessionIndex(), response.getAttributes()));
        } catch (SamlSignInFailed failure) {
            throw failure;
        } catch (Exception e) {
            throw new SamlSignInFailed(SamlSignInFailed.INVALID_RESPONSE, "The SAML assertion could not be read.");
        }
    }

    private record Verified(SamlProviderSettings provider, String answered, ExternalIdentity identity) {
    }

    /** Until java-saml would refuse the assertion anyway: its latest NotOnOrAfter plus the drift it allows. */
    private Instant rememberUntil(SamlResponseMessage response) throws Exception {
        Instant latest = clock.instant();
        for (var notOnOrAfter : response.getAssertionNotOnOrAfter()) {
            Instant instant = Instant.ofEpochMilli(notOnOrAfter.getMillis());
            if (instant.isAfter(latest)) {
                latest = instant;
            }
        }
        return latest.plus(CLOCK_DRIFT);
    }

    private static SamlSignInFailed refusal(Exception validation) {
        log.info("SAML response refused: {}", validation == null ? "unknown" : validation.getMessage());
        if (!(validation instanceof ValidationError error)) {
            return new SamlSignInFailed(SamlSignInFailed.INVALID_RESPONSE, "The SAML response is not valid.");
        }
        return switch (error.getErrorCode()) {
            case ValidationError.INVALID_SIGNATURE, ValidationError.WRONG_SIGNED_ELEMENT,
                    ValidationError.ID_NOT_FOUND_IN_SIGNED_ELEMENT, ValidationError.DUPLICATED_ID_IN_SIGNED_ELEMENTS,
                    ValidationError.INVALID_SIGNED_ELEMENT, ValidationError.DUPLICATED_REFERENCE_IN_SIGNED_ELEMENTS,
                    ValidationError.UNEXPECTED_SIGNED_ELEMENTS, ValidationError.WRONG_NUMBER_OF_SIGNATURES_IN_RESPONSE,
                    ValidationError.WRONG_NUMBER_OF_SIGNATURES_IN_ASSERTION, ValidationError.WRONG_NUMBER_OF_SIGNATURES,
                    ValidationError.UNEXPECTED_REFERENCE, ValidationError.KEY_ALGORITHM_ERROR ->
                new SamlSignInFailed(SamlSignInFailed.INVALID_SIGNATURE,
                        "The SAML response's signature is not from the configured identity provider.");
            case ValidationError.NO_SIGNED_ASSERTION, ValidationError.NO_SIGNATURE_FOUND,
                    ValidationError.NO_SIGNED_MESSAGE ->
                new SamlSignInFailed(SamlSignInFailed.UNSIGNED, "The SAML assertion is not signed.");
            case ValidationError.ASSERTION_EXPIRED, ValidationError.SESSION_EXPIRED, ValidationError.RESPONSE_EXPIRED ->
                new SamlSignInFailed(SamlSignInFailed.EXPIRED, "The SAML assertion has expired.");
            case ValidationError.ASSERTION_TOO_EARLY ->
                new SamlSignInFailed(SamlSignInFailed.NOT_YET_VALID, "The SAML assertion is not valid yet.");
            case ValidationError.WRONG_AUDIENCE ->
                new SamlSignInFailed(SamlSignInFailed.WRONG_AUDIENCE, "The SAML assertion is meant for another service.");
            case ValidationError.WRONG_ISSUER, ValidationError.ISSUER_MULTIPLE_IN_RESPONSE,
                    ValidationError.ISSUER_NOT_FOUND_IN_ASSERTION ->
                new SamlSignInFailed(SamlSignInFailed.WRONG_ISSUER,
                        "The SAML response comes from another identity provider.");
            case ValidationError.WRONG_DESTINATION, ValidationError.EMPTY_DESTINATION ->
                new SamlSignInFailed(SamlSignInFailed.WRONG_DESTINATION, "The SAML response is addressed elsewhere.");
            case ValidationError.WRONG_SUBJECTCONFIRMATION ->
                new SamlSignInFailed(SamlSignInFailed.INVALID_SUBJECT_CONFIRMATION,
                        "The SAML assertion is not for this service now (recipient or validity).");
            case ValidationError.WRONG_INRESPONSETO ->
                new SamlSignInFailed(SamlSignInFailed.UNKNOWN_REQUEST,
                        "The SAML response answers a sign-in this browser did not start.");
            case ValidationError.STATUS_CODE_IS_NOT_SUCCESS, ValidationError.MISSING_STATUS,
                    ValidationError.MISSING_STATUS_CODE ->
                new SamlSignInFailed(SamlSignInFailed.IDP_REFUSED, "The identity provider did not sign you in.");
            default -> new SamlSignInFailed(SamlSignInFailed.INVALID_RESPONSE, "The SAML response is not valid.");
        };
    }

    private void audit(SamlResponseToken posted, SamlSignInFailed failure) {
        String account = failure.account() == null ? "unknown" : failure.account();
        auditLog.append(AuditRecord.action("auth.sign_in")
                .actor(null, account, posted.clientAddress())
                .onInstance()
                .target("user", null, account)
                .outcome(AuditOutcome.FAILURE)
                .after(Map.of("method", "saml", "space", posted.space().toString(), "result", failure.reason()))
                .build());
    }
}
