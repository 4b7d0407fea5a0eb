package dev.toolyard.identity;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;

import dev.toolyard.shared.UserId;

/**
 * Ends a person's console sessions on every node: sessions live in the database (T-D3) and are
 * indexed by principal name, which is the user id (see {@link SignedInUser}).
 */
@Component
class UserSessions {

    private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;

    UserSessions(ObjectProvider<FindByIndexNameSessionRepository<?>> sessions) {
        this.sessions = sessions;
    }

    void endAll(UserId user) {
        endAllExcept(user, null);
    }

    /** Ends every session of the user but {@code keptSessionId}, the one making the request. */
    void endAllExcept(UserId user, String keptSessionId) {
        var repository = sessions.getIfAvailable();
        if (repository != null) {
            repository.findByPrincipalName(user.toString()).keySet().stream()
                    .filter(id -> !id.equals(keptSessionId))
                    .forEach(repository::deleteById);
        }
    }
}
