package dev.toolyard.identity;

import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.toolyard.secrets.SecretBox;
import dev.toolyard.secrets.SecretUnreadableException;
import dev.toolyard.shared.UserId;

/**
 * Checks a person's codes: a TOTP code against their sealed secret, taking its time step so the
 * same code is never accepted twice (RFC 6238 5.2), or one of their recovery codes, which then
 * stops working. Opening the secret is the only place its clear text exists, and only in memory.
 */
@Component
class TwoFactorCodes {

    private static final Logger log = LoggerFactory.getLogger(TwoFactorCodes.class);
    private static final Pattern TOTP = Pattern.compile("\\d{" + Totp.DIGITS + "}");

    enum Check { ACCEPTED, WRONG, REPLAYED }

    private final TwoFactorRepository repository;
    private final SecretBox box;
    private final Clock clock;

    TwoFactorCodes(TwoFactorRepository repository, SecretBox box, Clock clock) {
        this.repository = repository;
        this.box = box;
        this.clock = clock;
    }

    static boolean looksLikeTotp(String typed) {
        return TOTP.matcher(typed.replace(" ", "")).matches();
    }

    /** Seals a new secret for the person: the associated data ties it to them. */
    String seal(UserId user, String secret) {
        return box.encrypt(secret, context(user));
    }

    /** The step the code matches for this secret now, or -1; does not mark it used. */
    long stepOf(UserId user, String sealedSecret, String code) {
        return open(user, sealedSecret)
                .map(secret -> Totp.matchingStep(secret, code.replace(" ", ""), clock.instant()).orElse(-1))
                .orElse(-1L);
    }

    Check useTotp(UserId user, String code) {
        var enrolment = repository.find(user).filter(TwoFactorRepository.Enrolment::confirmed);
        if (enrolment.isEmpty() || code == null) {
            return Check.WRONG;
        }
        long step = stepOf(user, enrolment.get().sealedSecret(), code);
        if (step < 0) {
            return Check.WRONG;
        }
        return repository.useStep(user, step) ? Check.ACCEPTED : Check.REPLAYED;
    }

    Check useRecoveryCode(UserId user, String code) {
        if (code == null || code.isBlank()) {
            return Check.WRONG;
        }
        return repository.useRecoveryCode(user, RecoveryCodes.hash(code), clock.instant()) ? Check.ACCEPTED
                : Check.WRONG;
    }

    private Optional<String> open(UserId user, String sealed) {
        try {
            return Optional.of(box.decrypt(sealed, context(user)));
        } catch (SecretUnreadableException e) {
            // An admin reset lets the person enrol again; the secret itself is never logged.
            log.warn("The two-factor secret of user {} cannot be opened: {}", user, e.getMessage());
            return Optional.empty();
        }
    }

    private static String context(UserId user) {
        return "user:" + user + ":totp";
    }
}
