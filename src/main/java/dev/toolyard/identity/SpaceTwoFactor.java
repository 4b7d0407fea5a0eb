package dev.toolyard.identity;

import java.time.Clock;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.UserId;

/**
 * T-ID1 for space admins: the space's "require two-factor" setting (people signing in with a
 * password must then enrol, and a password-only session cannot enter the space; SSO sign-ins are
 * the identity provider's business) and the reset of a user's two-factor, for someone who lost
 * their authenticator and recovery codes. A reset ends the person's sessions.
 */
@Service
class SpaceTwoFactor {

    private final TwoFactorRepository repository;
    private final SpaceUsers spaceUsers;
    private final UserSessions sessions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SpaceTwoFactor(TwoFactorRepository repository, SpaceUsers spaceUsers, UserSessions sessions,
            ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.spaceUsers = spaceUsers;
        this.sessions = sessions;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public boolean required(Caller caller) {
        caller.requireScope(ApiScope.USERS_READ);
        caller.requireSpaceAdmin();
        return repository.requiredIn(caller.spaceId());
    }

    @Transactional
    public boolean require(Caller caller, boolean required) {
        requireWrite(caller);
        boolean before = repository.requiredIn(caller.spaceId());
        if (before != required) {
            if (required) {
                repository.require(caller.spaceId(), caller.userId(), clock.instant());
            } else {
                repository.stopRequiring(caller.spaceId());
            }
            events.publishEvent(new TwoFactorRequirementChanged(caller, before, required));
        }
        return required;
    }

    /** Turns off the two-factor of a user of the caller's space; they enrol again at will, or at their next sign-in where required. */
    @Transactional
    public void reset(Caller caller, UserId id) {
        requireWrite(caller);
        var user = spaceUsers.detail(caller, id).user();
        if (!repository.remove(id)) {
            throw new ConflictException("two_factor.not_enabled",
                    user.email() + " has no two-factor sign-in to reset.");
        }
        sessions.endAll(id);
        events.publishEvent(new UserChanged(caller, "user.two_factor_reset", user, Map.of("twoFactor", true),
                Map.of("twoFactor", false)));
    }

    private static void requireWrite(Caller caller) {
        caller.requireScope(ApiScope.USERS_WRITE);
        caller.requireSpaceAdmin();
    }
}
