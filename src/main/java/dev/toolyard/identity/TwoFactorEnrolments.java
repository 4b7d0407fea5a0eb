package dev.toolyard.identity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.toolyard.audit.AuditOutcome;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.UserId;

/**
 * T-ID1: a signed-in person turns TOTP two-factor on (start, then confirm with a first code, which
 * gives ten recovery codes shown once), regenerates the recovery codes with a current code, and
 * turns it off with their password or a current code. Only console sessions: an access token must
 * not be able to change how its owner signs in. Checking a password or code here counts toward the
 * sign-in limits (T-SEC3), and the refusal is recorded outside any transaction so it stays counted.
 */
@Service
class TwoFactorEnrolments {

    static final String ISSUER = "Toolyard";

    private final TwoFactorRepository repository;
    private final TwoFactorCodes codes;
    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final SignInThrottle throttle;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    TwoFactorEnrolments(TwoFactorRepository repository, TwoFactorCodes codes, UserRepository users,
            PasswordEncoder encoder, SignInThrottle throttle, ApplicationEventPublisher events,
            TransactionTemplate transactions, Clock clock) {
        this.repository = repository;
        this.codes = codes;
        this.users = users;
        this.encoder = encoder;
        this.throttle = throttle;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Whether two-factor is on, since when, how many recovery codes are left, and whether a space requires it. */
    record Status(boolean enabled, Instant enabledAt, int recoveryCodesLeft, boolean required) {
    }

    /** An enrolment waiting for its first code: the secret as text and as a QR code of its otpauth URI. */
    record Started(String secret, String otpauthUri, String qrCode) {
    }

    Status status(UserId user) {
        var enrolment = repository.find(user).filter(TwoFactorRepository.Enrolment::confirmed);
        return new Status(enrolment.isPresent(), enrolment.map(TwoFactorRepository.Enrolment::confirmedAt).orElse(null),
                enrolment.isPresent() ? repository.recoveryCodesLeft(user) : 0, repository.requiredFor(user));
    }

    /** Starts an enrolment, or starts it over with a new secret; the secret is shown now and never again. */
    Started start(SignedInUser person, String address) {
        String secret = Totp.newSecret();
        boolean started = transactions.execute(status -> {
            if (!repository.start(person.id(), codes.seal(person.id(), secret), clock.instant())) {
                return false;
            }
            events.publishEvent(new TwoFactorChanged(person.id(), person.email(), address,
                    "user.two_factor_enrolment_started", AuditOutcome.SUCCESS, "started"));
            return true;
        });
        if (!started) {
            throw new ConflictException("two_factor.already_enabled",
                    "Two-factor sign-in is already on. Turn it off first to set up another authenticator.");
        }
        String uri = otpauthUri(person.email(), secret);
        return new Started(secret, uri, QrCodes.pngDataUri(uri));
    }

    /** Turns two-factor on with the first code from the authenticator; returns the recovery codes. */
    List<String> confirm(SignedInUser person, String code, String address) {
        var enrolment = repository.find(person.id()).orElseThrow(() -> new ConflictException(
                "two_factor.not_started", "Start setting up two-factor sign-in first."));
        if (enrolment.confirmed()) {
            throw new ConflictException("two_factor.already_enabled", "Two-factor sign-in is already on.");
        }
        long step = code == null ? -1 : codes.stepOf(person.id(), enrolment.sealedSecret(), code);
        if (step < 0) {
            throw InvalidInputException.of("code", "two_factor.wrong_code",
                    "That code is not the current one. Check the authenticator app and its clock.");
        }
        var recoveryCodes = RecoveryCodes.generate();
        transactions.executeWithoutResult(status -> {
            if (!repository.confirm(person.id(), step, clock.instant())) {
                throw new ConflictException("two_factor.already_enabled", "Two-factor sign-in is already on.");
            }
            repository.replaceRecoveryCodes(person.id(), recoveryCodes.stream().map(RecoveryCodes::hash).toList());
            events.publishEvent(new TwoFactorChanged(person.id(), person.email(), address, "user.two_factor_enabled",
                    AuditOutcome.SUCCESS, "enabled"));
        });
        return recoveryCodes;
    }

    /** New recovery codes for a current code; the old ones stop working. */
    List<String> regenerateRecoveryCodes(SignedInUser person, String code, String address) {
        requireEnabled(person.id());
        String action = "user.two_factor_recovery_codes_regenerated";
        checkFactor(person, address, action, () -> codes.useTotp(person.id(), code == null ? "" : code)
                == TwoFactorCodes.Check.ACCEPTED, "code", "The code is wrong or was already used.");
        var recoveryCodes = RecoveryCodes.generate();
        transactions.executeWithoutResult(status -> {
            repository.replaceRecoveryCodes(person.id(), recoveryCodes.stream().map(RecoveryCodes::hash).toList());
            events.publishEvent(new TwoFactorChanged(person.id(), person.email(), address, action,
                    AuditOutcome.SUCCESS, "regenerated"));
        });
        return recoveryCodes;
    }

    /**
     * Turns two-factor off, proven by the password or a current code. Refused while a space of
     * the person requires it: an admin's reset is the way to change authenticators there.
     */
    void disable(SignedInUser person, String password, String code, String address) {
        requireEnabled(person.id());
        if (repository.requiredFor(person.id())) {
            throw new ConflictException("two_factor.required",
                    "A space you belong to requires two-factor sign-in, so it stays on. An admin can reset it.");
        }
        String action = "user.two_factor_disabled";
        boolean byPassword = password != null && !password.isEmpty();
        checkFactor(person, address, action, () -> byPassword
                ? users.passwordHash(person.id()).map(hash -> encoder.matches(password, hash)).orElse(false)
                : codes.useTotp(person.id(), code == null ? "" : code) == TwoFactorCodes.Check.ACCEPTED,
                byPassword ? "password" : "code",
                byPassword ? "The password is wrong." : "The code is wrong or was already used.");
        transactions.executeWithoutResult(status -> {
            repository.remove(person.id());
            events.publishEvent(new TwoFactorChanged(person.id(), person.email(), address, action,
                    AuditOutcome.SUCCESS, "disabled"));
        });
    }

    /** The signed-in person of a console session; an access token may not change how its owner signs in. */
    static SignedInUser sessionPerson(Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof SignedInUser person) {
            return person;
        }
        throw new ForbiddenException("two_factor.session_required",
                "Set up two-factor sign-in signed in to the console; an access token cannot change how its owner signs in.");
    }

    static String otpauthUri(String email, String secret) {
        String label = URLEncoder.encode(ISSUER + ":" + email, StandardCharsets.UTF_8).replace("+", "%20");
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + ISSUER;
    }

    private void requireEnabled(UserId user) {
        if (!repository.enrolled(user)) {
            throw new ConflictException("two_factor.not_enabled", "Two-factor sign-in is not on.");
        }
    }

    private void checkFactor(SignedInUser person, String address, String action, BooleanSupplier proof,
            String field, String message) {
        String account = person.email().toLowerCase(Locale.ROOT);
        var wait = throttle.retryAfter(account, address);
        if (wait.isPresent()) {
            events.publishEvent(new TwoFactorChanged(person.id(), person.email(), address, action,
                    AuditOutcome.DENIED, "rate_limited"));
            throw new ForbiddenException("auth.rate_limited", "Too many failed sign-ins. Wait "
                    + Math.max(1, wait.get().toMinutes() + 1) + " minute(s) and try again.");
        }
        if (!proof.getAsBoolean()) {
            throttle.recordFailure(account, address);
            events.publishEvent(new TwoFactorChanged(person.id(), person.email(), address, action,
                    AuditOutcome.FAILURE, "wrong_" + field));
            throw InvalidInputException.of(field, "two_factor.wrong_" + field, message);
        }
    }
}
