package dev.toolyard.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.spaces.SpaceManagement;

/**
 * T-ID1: password reset by e-mail. Asking always gets the same answer, so the form does not tell
 * who has an account; only an enabled account gets a link. A link works once, expires, and is
 * stored as a hash; using it ends every session of the person and retires their other links.
 */
@Service
class PasswordResets {

    private static final int MAX_EMAIL = 200;

    private final UserRepository users;
    private final PasswordResetRepository repository;
    private final SpaceManagement spaces;
    private final PasswordPolicy policy;
    private final PasswordEncoder encoder;
    private final SignInThrottle signInThrottle;
    private final UserSessions sessions;
    private final PublicUrls urls;
    private final PasswordResetProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PasswordResets(UserRepository users, PasswordResetRepository repository, SpaceManagement spaces,
            PasswordPolicy policy, PasswordEncoder encoder, SignInThrottle signInThrottle, UserSessions sessions,
            PublicUrls urls, PasswordResetProperties properties, ApplicationEventPublisher events, Clock clock) {
        this.users = users;
        this.repository = repository;
        this.spaces = spaces;
        this.policy = policy;
        this.encoder = encoder;
        this.signInThrottle = signInThrottle;
        this.sessions = sessions;
        this.urls = urls;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    static NotFoundException invalidLink() {
        return new NotFoundException("password_reset.link_invalid",
                "This password reset link was already used, was replaced by a newer one, or has expired. "
                        + "Ask for a new one.");
    }

    /**
     * Sends a link when the address belongs to an enabled account. Returns how long to wait when
     * the e-mail or the client address asked too often; the answer is the same for every e-mail.
     */
    @Transactional
    Optional<Duration> request(String email, String clientAddress) {
        String account = normalise(email);
        var now = clock.instant();
        var since = now.minus(properties.window());
        var wait = repository.oldestWhenAtLimit("email", account, since, properties.maxRequestsPerEmail())
                .or(() -> repository.oldestWhenAtLimit("client_address", clientAddress, since,
                        properties.maxRequestsPerAddress()))
                .map(oldest -> Duration.between(now, oldest.plus(properties.window())));
        if (wait.isPresent()) {
            return wait.map(duration -> duration.isNegative() ? Duration.ZERO : duration);
        }
        repository.recordRequest(account, clientAddress, now, since);
        // The secret is made for unknown addresses too, so both answers cost the same work.
        String token = SecretTokens.generate("");
        String tokenHash = SecretTokens.hash(token);
        users.findCredentials(account)
                .map(UserRepository.Credentials::user)
                .filter(user -> enabled(user))
                .ifPresent(user -> {
                    Instant expiresAt = now.plus(properties.linkValidity());
                    repository.insertLink(tokenHash, user.id(), now, expiresAt);
                    events.publishEvent(new PasswordResetRequested(user.id(), user.email(), clientAddress, expiresAt));
                    events.publishEvent(new PasswordResetMail(user.email(), urls.of("/password-reset/" + token),
                            expiresAt));
                });
        return Optional.empty();
    }

    @Transactional(readOnly = true)
    boolean linkUsable(String token) {
        return repository.usableLink(SecretTokens.hash(token), clock.instant()).isPresent();
    }

    /** Sets the new password, uses up the link and ends every session of the person. */
    @Transactional
    void complete(String token, String newPassword, String clientAddress) {
        String tokenHash = SecretTokens.hash(token);
        var now = clock.instant();
        var user = repository.usableLink(tokenHash, now).flatMap(users::find).orElseThrow(PasswordResets::invalidLink);
        if (!enabled(user)) {
            throw new ForbiddenException("password_reset.account_disabled",
                    "This account is disabled, so its password cannot be reset. Ask an administrator to enable it.");
        }
        policy.check(newPassword, user.email());
        if (!repository.claim(tokenHash, now)) {
            throw invalidLink();
        }
        users.setPasswordHash(user.id(), encoder.encode(newPassword));
        repository.revokeOutstanding(user.id(), now);
        signInThrottle.clearAccount(user.email().toLowerCase(Locale.ROOT));
        sessions.endAll(user.id());
        events.publishEvent(new PasswordResetCompleted(user.id(), user.email(), clientAddress));
    }

    /** Disabled everywhere, or never past the invitation: no enabled space, as at sign-in. */
    private boolean enabled(User user) {
        return users.defaultSpace(user.id(), spaces.adminSpaceId()).isPresent();
    }

    private static String normalise(String email) {
        String text = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        return text.length() > MAX_EMAIL ? text.substring(0, MAX_EMAIL) : text;
    }
}
