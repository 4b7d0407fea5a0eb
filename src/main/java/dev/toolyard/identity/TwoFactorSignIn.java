package dev.toolyard.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Service;

import dev.toolyard.audit.AuditOutcome;
import dev.toolyard.shared.UserId;
import dev.toolyard.spaces.SpaceManagement;

/**
 * T-ID1: the second step of a password sign-in. The code, or a recovery code, is checked behind
 * the same per-account and per-address limits as passwords (T-SEC3), each outcome is audited as
 * {@code auth.sign_in}, and success gives a principal signed in with {@link SignInMethod#PASSWORD_AND_TOTP}.
 */
@Service
class TwoFactorSignIn {

    /** Long enough to open an authenticator app, short enough that a forgotten tab is no open door. */
    static final Duration PENDING_VALIDITY = Duration.ofMinutes(5);

    private final TwoFactorRepository repository;
    private final TwoFactorCodes codes;
    private final UserRepository users;
    private final SpaceManagement spaces;
    private final SignInThrottle throttle;
    private final SignInAudit audit;
    private final CurrentCaller currentCaller;
    private final Clock clock;

    TwoFactorSignIn(TwoFactorRepository repository, TwoFactorCodes codes, UserRepository users,
            SpaceManagement spaces, SignInThrottle throttle, SignInAudit audit, CurrentCaller currentCaller,
            Clock clock) {
        this.repository = repository;
        this.codes = codes;
        this.users = users;
        this.spaces = spaces;
        this.throttle = throttle;
        this.audit = audit;
        this.currentCaller = currentCaller;
        this.clock = clock;
    }

    /** The expected failures of the second step; a refusal changes nothing but the failure count. */
    sealed interface Outcome {

        record SignedIn(SignedInUser user) implements Outcome {
        }

        record Refused(Reason reason, Duration retryAfter) implements Outcome {
        }
    }

    enum Reason { EXPIRED, RATE_LIMITED, WRONG_CODE, DISABLED, SSO_REQUIRED }

    boolean enrolled(UserId user) {
        return repository.enrolled(user);
    }

    PendingTwoFactor pending(SignedInUser user) {
        return new PendingTwoFactor(user.id(), user.email(), clock.instant().plus(PENDING_VALIDITY));
    }

    Outcome complete(PendingTwoFactor pending, String code, String address) {
        var now = clock.instant();
        String account = pending.email().toLowerCase(Locale.ROOT);
        String typed = code == null ? "" : code.strip();
        boolean recovery = !TwoFactorCodes.looksLikeTotp(typed);
        String method = recovery ? "password_and_recovery_code" : "password_and_totp";
        if (pending.expiredAt(now)) {
            audit.record(pending.email(), pending.user(), address, AuditOutcome.DENIED, method, "expired");
            return new Outcome.Refused(Reason.EXPIRED, null);
        }
        var wait = throttle.retryAfter(account, address);
        if (wait.isPresent()) {
            audit.record(pending.email(), pending.user(), address, AuditOutcome.DENIED, method, "rate_limited");
            return new Outcome.Refused(Reason.RATE_LIMITED, wait.get());
        }
        var checked = recovery ? codes.useRecoveryCode(pending.user(), typed) : codes.useTotp(pending.user(), typed);
        if (checked != TwoFactorCodes.Check.ACCEPTED) {
            throttle.recordFailure(account, address);
            audit.record(pending.email(), pending.user(), address, AuditOutcome.FAILURE, method,
                    checked == TwoFactorCodes.Check.REPLAYED ? "replayed_code" : "wrong_code");
            return new Outcome.Refused(Reason.WRONG_CODE, null);
        }
        var user = users.find(pending.user()).filter(found ->
                users.defaultSpace(found.id(), spaces.adminSpaceId()).isPresent());
        if (user.isEmpty()) {
            audit.record(pending.email(), pending.user(), address, AuditOutcome.DENIED, method, "disabled");
            return new Outcome.Refused(Reason.DISABLED, null);
        }
        throttle.clearAccount(account);
        var signedIn = bothFactors(user.get());
        // Spaces that require SSO admit only their break-glass admin after both factors (T-ID2).
        if (!currentCaller.hasSpaceFor(signedIn)) {
            audit.record(pending.email(), pending.user(), address, AuditOutcome.DENIED, method, "sso_required");
            return new Outcome.Refused(Reason.SSO_REQUIRED, null);
        }
        users.recordSignIn(pending.user(), now);
        audit.record(user.get().email(), pending.user(), address, AuditOutcome.SUCCESS, method, "success");
        return new Outcome.SignedIn(signedIn);
    }

    /** The principal of a session whose person proved a password and a second factor. */
    static SignedInUser bothFactors(User user) {
        return new SignedInUser(user, null, true, SignInMethod.PASSWORD_AND_TOTP, null, Map.of());
    }
}
