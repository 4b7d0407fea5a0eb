package dev.toolyard.identity;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.audit.AuditLog;
import dev.toolyard.audit.AuditRecord;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Starts the console session of a single sign-on (T-ID2), as the password sign-in does for its
 * own: a new session id (a session fixed before the sign-in is worth nothing after it), no CSRF
 * token of before, a {@link SignedInUser} carrying the method, the provider's space and its
 * claims, the landing space selected, the sign-in recorded and audited.
 */
@Component
public class ExternalSessions {

    static final String REFUSAL_ATTRIBUTE = "toolyard.sign_in_refusal";

    private final UserRepository users;
    private final AuditLog auditLog;
    private final Clock clock;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final CsrfTokenRepository csrfTokens = new HttpSessionCsrfTokenRepository();

    ExternalSessions(UserRepository users, AuditLog auditLog, Clock clock) {
        this.users = users;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * Ends whatever the refused sign-in left in the session (a protocol's half-made authentication)
     * and keeps {@code message} for the sign-in page, which shows it once. Redirect to
     * {@code /login} afterwards.
     */
    public void refused(HttpServletRequest request, String message) {
        SecurityContextHolder.clearContext();
        var old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        request.getSession(true).setAttribute(REFUSAL_ATTRIBUTE, message);
    }

    /** One transaction for the last sign-in and its audit entry: one commit to wait for, not two. */
    @Transactional
    public void start(HttpServletRequest request, HttpServletResponse response, ExternalSignIn signIn) {
        var user = users.find(signIn.user()).orElseThrow(() -> new IllegalStateException("No user " + signIn.user()));
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        var session = request.getSession(true);
        csrfTokens.saveToken(null, request, response);
        var principal = new SignedInUser(user, null, true, signIn.method(), signIn.ssoSpace(), signIn.claims());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of()));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        session.setAttribute(CurrentCaller.SPACE_ATTRIBUTE, signIn.landingSpace());
        users.recordSignIn(user.id(), clock.instant());
        auditLog.append(AuditRecord.action("auth.sign_in")
                .actor(user.id(), user.email(), request.getRemoteAddr())
                .onInstance()
                .target("user", user.id(), user.email())
                .after(Map.of("method", signIn.method().name().toLowerCase(Locale.ROOT), "result", "signed_in",
                        "provider", signIn.providerName(), "space", signIn.landingSpace().toString()))
                .build());
    }
}
