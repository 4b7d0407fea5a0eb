package dev.toolyard.identity;

import java.time.Clock;
import java.util.Locale;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.toolyard.audit.AuditOutcome;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.NotFoundException;

/**
 * T-ID1: a signed-in person changes their own password. The current password is a sign-in
 * attempt in all but name, so it counts toward the sign-in limits of T-SEC3; the failure is
 * recorded outside any transaction so that refusing cannot roll the count back.
 */
@Service
class PasswordChange {

    static final String NEW_PASSWORD = "newPassword";

    private final UserRepository users;
    private final PasswordResetRepository resets;
    private final PasswordPolicy policy;
    private final PasswordEncoder encoder;
    private final SignInThrottle throttle;
    private final UserSessions sessions;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PasswordChange(UserRepository users, PasswordResetRepository resets, PasswordPolicy policy, PasswordEncoder encoder,
            SignInThrottle throttle, UserSessions sessions, ApplicationEventPublisher events,
            TransactionTemplate transactions, Clock clock) {
        this.users = users;
        this.resets = resets;
        this.policy = policy;
        this.encoder = encoder;
        this.throttle = throttle;
        this.sessions = sessions;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Sets the caller's new password and ends their other sessions; {@code currentSessionId} stays. */
    void change(Caller caller, String currentPassword, String newPassword, String currentSessionId) {
        if (caller.channel() != Caller.Channel.SESSION) {
            throw new ForbiddenException("password.session_required",
                    "Change your password signed in to the console; an access token cannot change its owner's password.");
        }
        var user = users.find(caller.userId())
                .orElseThrow(() -> new NotFoundException("user.not_found", "The caller's user no longer exists."));
        var hash = users.passwordHash(user.id()).orElseThrow(() -> new ConflictException("password.not_set",
                "Your account has no password to change. Use \"Forgot your password?\" on the sign-in page to set one."));
        String account = user.email().toLowerCase(Locale.ROOT);
        String address = caller.clientAddress();
        var wait = throttle.retryAfter(account, address);
        if (wait.isPresent()) {
            events.publishEvent(new PasswordChanged(user.id(), user.email(), address, AuditOutcome.DENIED, "rate_limited"));
            throw new ForbiddenException("auth.rate_limited", "Too many failed sign-ins. Wait "
                    + Math.max(1, wait.get().toMinutes() + 1) + " minute(s) and try again.");
        }
        if (currentPassword == null || !encoder.matches(currentPassword, hash)) {
            throttle.recordFailure(account, address);
            events.publishEvent(new PasswordChanged(user.id(), user.email(), address, AuditOutcome.FAILURE,
                    "wrong_current_password"));
            throw InvalidInputException.of("currentPassword", "password.wrong_current", "The current password is wrong.");
        }
        policy.check(newPassword, user.email(), NEW_PASSWORD);
        transactions.executeWithoutResult(status -> {
            var now = clock.instant();
            users.setPasswordHash(user.id(), encoder.encode(newPassword));
            resets.revokeOutstanding(user.id(), now);
            throttle.clearAccount(account);
            sessions.endAllExcept(user.id(), currentSessionId);
            events.publishEvent(new PasswordChanged(user.id(), user.email(), address, AuditOutcome.SUCCESS, "changed"));
        });
    }
}
