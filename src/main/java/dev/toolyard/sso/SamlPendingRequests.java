package dev.toolyard.sso;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.toolyard.shared.SpaceId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The AuthnRequests this browser sent to identity providers (SP-initiated sign-in), kept in its
 * session so that a response naming one (InResponseTo) is accepted only by the browser that asked,
 * only for the space it asked for, once, and within ten minutes. A few are kept, for several tabs.
 */
final class SamlPendingRequests {

    private static final String ATTRIBUTE = SamlPendingRequests.class.getName();
    private static final int KEPT = 5;
    private static final Duration VALIDITY = Duration.ofMinutes(10);

    private SamlPendingRequests() {
    }

    static void remember(HttpServletRequest request, SpaceId space, String requestId, Instant now) {
        HttpSession session = request.getSession(true);
        var pending = new ArrayList<>(current(session));
        pending.removeIf(entry -> entry.expired(now));
        pending.add(new Pending(space.value().toString(), requestId, now.plus(VALIDITY).toEpochMilli()));
        while (pending.size() > KEPT) {
            pending.remove(0);
        }
        session.setAttribute(ATTRIBUTE, pending);
    }

    /** The unexpired requests this browser has open for the space. */
    static Set<String> open(HttpServletRequest request, SpaceId space, Instant now) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Set.of();
        }
        return current(session).stream()
                .filter(entry -> entry.space().equals(space.value().toString()) && !entry.expired(now))
                .map(Pending::requestId).collect(Collectors.toUnmodifiableSet());
    }

    /** Takes an answered request out of the session: an AuthnRequest is answered once. */
    static void answered(HttpServletRequest request, String requestId) {
        HttpSession session = request.getSession(false);
        if (session == null || requestId == null) {
            return;
        }
        var pending = new ArrayList<>(current(session));
        if (pending.removeIf(entry -> entry.requestId().equals(requestId))) {
            session.setAttribute(ATTRIBUTE, pending);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Pending> current(HttpSession session) {
        return session.getAttribute(ATTRIBUTE) instanceof List<?> list ? (List<Pending>) list : List.of();
    }

    /** Plain values only: Spring Session serialises the session's attributes. */
    record Pending(String space, String requestId, long expiresAtEpochMilli) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        boolean expired(Instant now) {
            return now.toEpochMilli() >= expiresAtEpochMilli;
        }
    }
}
