package dev.toolyard.identity;

import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * T-ID1 over the API for the person: the same service as Settings → Two-factor, and like a
 * password change, for console sessions only ({@code two_factor.session_required} for tokens).
 */
@RestController
@RequestMapping(value = "/api/v1/me/two-factor", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Me")
class TwoFactorApiController {

    private final TwoFactorEnrolments enrolments;
    private final UserRepository users;

    TwoFactorApiController(TwoFactorEnrolments enrolments, UserRepository users) {
        this.enrolments = enrolments;
        this.users = users;
    }

    @GetMapping
    @Operation(summary = "Whether the caller's two-factor sign-in is on, recovery codes left, and whether a space "
            + "requires it (console session only)")
    StatusView status(@Parameter(hidden = true) Authentication authentication) {
        return StatusView.of(enrolments.status(TwoFactorEnrolments.sessionPerson(authentication).id()));
    }

    @PostMapping("/enrolment")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Start (or start over) setting up an authenticator: the secret, its otpauth URI and a QR "
            + "code as a PNG data URI, shown this once (console session only)")
    EnrolmentView start(@Parameter(hidden = true) Authentication authentication, HttpServletRequest request) {
        var started = enrolments.start(TwoFactorEnrolments.sessionPerson(authentication), request.getRemoteAddr());
        return new EnrolmentView(started.secret(), started.otpauthUri(), started.qrCode());
    }

    @PostMapping(path = "/enrolment/confirm", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Turn two-factor on with a current code; answers the ten recovery codes, shown this once "
            + "(console session only)")
    RecoveryCodesView confirm(@Parameter(hidden = true) Authentication authentication, @RequestBody CodeRequest body,
            HttpServletRequest request, HttpServletResponse response) {
        var person = TwoFactorEnrolments.sessionPerson(authentication);
        var codes = enrolments.confirm(person, body.code(), request.getRemoteAddr());
        if (person.method() == SignInMethod.PASSWORD) {
            users.find(person.id()).ifPresent(user ->
                    TwoFactorSessions.upgrade(request, response, TwoFactorSignIn.bothFactors(user)));
        }
        return new RecoveryCodesView(codes);
    }

    @PostMapping(path = "/recovery-codes", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace the recovery codes, proven by a current code (console session only)")
    RecoveryCodesView regenerate(@Parameter(hidden = true) Authentication authentication,
            @RequestBody CodeRequest body, HttpServletRequest request) {
        return new RecoveryCodesView(enrolments.regenerateRecoveryCodes(
                TwoFactorEnrolments.sessionPerson(authentication), body.code(), request.getRemoteAddr()));
    }

    @DeleteMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Turn two-factor off, proven by the password or a current code; refused while a space "
            + "requires it (console session only)")
    void disable(@Parameter(hidden = true) Authentication authentication, @RequestBody DisableRequest body,
            HttpServletRequest request) {
        enrolments.disable(TwoFactorEnrolments.sessionPerson(authentication), body.password(), body.code(),
                request.getRemoteAddr());
    }

    record StatusView(boolean enabled, Instant enabledAt, int recoveryCodesLeft, boolean requiredBySpace) {

        static StatusView of(TwoFactorEnrolments.Status status) {
            return new StatusView(status.enabled(), status.enabledAt(), status.recoveryCodesLeft(), status.required());
        }
    }

    record EnrolmentView(String secret, String otpauthUri, String qrCode) {
    }

    record RecoveryCodesView(List<String> recoveryCodes) {
    }

    record CodeRequest(String code) {
    }

    record DisableRequest(String password, String code) {

        @Override
        public String toString() {
            return "DisableRequest[password and code hidden]";
        }
    }
}
