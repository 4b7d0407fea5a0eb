package dev.toolyard.identity;

import java.util.Optional;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The session's side of two-factor (T-ID1): the pending state between password and code (the
 * session is not signed in), the "must enrol first" mark of a password sign-in in a space that
 * requires two-factor, and signing the session in with both factors. Every step that changes who
 * the session is, or how well it is proven, gives it a new id (T-SEC3: sessions rotate at login).
 */
final class TwoFactorSessions {

    static final String PENDING = "toolyard.twoFactor.pending";
    static final String ENROLMENT_REQUIRED = "toolyard.twoFactor.enrolmentRequired";

    private static final SecurityContextRepository CONTEXTS = new HttpSessionSecurityContextRepository();
    private static final CsrfTokenRepository CSRF_TOKENS = new HttpSessionCsrfTokenRepository();

    private TwoFactorSessions() {
    }

    /** After a correct password: whatever this browser was signed in as before is dropped, and only the pending state kept. */
    static void awaitSecondFactor(HttpServletRequest request, PendingTwoFactor pending) {
        var session = request.getSession(true);
        session.removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        session.removeAttribute(CurrentCaller.SPACE_ATTRIBUTE);
        session.removeAttribute(ENROLMENT_REQUIRED);
        request.changeSessionId();
        session.setAttribute(PENDING, pending);
    }

    static Optional<PendingTwoFactor> pending(HttpServletRequest request) {
        var session = request.getSession(false);
        return session != null && session.getAttribute(PENDING) instanceof PendingTwoFactor pending
                ? Optional.of(pending) : Optional.empty();
    }

    static void dropPending(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(PENDING);
        }
    }

    /** The second step succeeded: a new session id and CSRF token, and the principal saved in the session. */
    static void signIn(HttpServletRequest request, HttpServletResponse response, SignedInUser user) {
        dropPending(request);
        CSRF_TOKENS.saveToken(null, request, response);
        establish(request, response, user);
    }

    /** A password session that just enrolled now counts as signed in with both factors. */
    static void upgrade(HttpServletRequest request, HttpServletResponse response, SignedInUser user) {
        establish(request, response, user);
    }

    static void requireEnrolment(HttpServletRequest request) {
        request.getSession().setAttribute(ENROLMENT_REQUIRED, Boolean.TRUE);
    }

    /** The space stopped requiring two-factor: the session is free again. */
    static void releaseEnrolment(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(ENROLMENT_REQUIRED);
        }
    }

    /** The person of a password-only session; empty for every other session and for tokens. */
    static Optional<SignedInUser> passwordOnly() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof SignedInUser user
                && user.method() == SignInMethod.PASSWORD ? Optional.of(user) : Optional.empty();
    }

    /** A password session of someone a space requires to enrol: it may only enrol or sign out. */
    static boolean enrolmentRequired(HttpServletRequest request) {
        var session = request.getSession(false);
        return session != null && Boolean.TRUE.equals(session.getAttribute(ENROLMENT_REQUIRED))
                && passwordOnly().isPresent();
    }

    private static void establish(HttpServletRequest request, HttpServletResponse response, SignedInUser user) {
        var session = request.getSession();
        session.removeAttribute(ENROLMENT_REQUIRED);
        request.changeSessionId();
        var authentication = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        authentication.setDetails(new WebAuthenticationDetails(request));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        CONTEXTS.saveContext(context, request, response);
    }
}
