package dev.toolyard.identity;

import java.io.IOException;
import java.util.List;

import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.toolyard.api.ApiError;
import dev.toolyard.api.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * T-ID1: a person who signed in with a password and belongs to a space that requires two-factor
 * must enrol before anything else. Until then their session reaches the enrolment (page and API),
 * sign-out and static files; pages lead to the enrolment, the API answers 403.
 */
class TwoFactorEnrolmentGate extends OncePerRequestFilter {

    static final String ENROLMENT_PAGE = "/settings/two-factor";
    static final ApiError ENROLMENT_REQUIRED = new ApiError("auth.two_factor_enrolment_required", 403, "Forbidden");

    private static final List<RequestMatcher> OPEN = List.of(ENROLMENT_PAGE, ENROLMENT_PAGE + "/**",
            "/api/v1/me/two-factor", "/api/v1/me/two-factor/**", "/logout", "/login", "/css/**", "/js/**",
            "/webjars/**", "/favicon.ico", "/error", "/actuator/health", "/actuator/health/**").stream()
            .map(pattern -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(pattern))
            .toList();

    private final TwoFactorRepository twoFactor;
    private final ProblemResponses problems;

    TwoFactorEnrolmentGate(TwoFactorRepository twoFactor, ProblemResponses problems) {
        this.twoFactor = twoFactor;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!held(request) || OPEN.stream().anyMatch(open -> open.matches(request))) {
            chain.doFilter(request, response);
        } else if (ProblemResponses.isApiRequest(request)) {
            problems.write(request, response, ENROLMENT_REQUIRED,
                    "A space you belong to requires two-factor sign-in: set it up first (/api/v1/me/two-factor).");
        } else {
            response.sendRedirect(request.getContextPath() + ENROLMENT_PAGE);
        }
    }

    /** Held sessions are few, so only they pay for asking whether a space still requires it. */
    private boolean held(HttpServletRequest request) {
        if (!TwoFactorSessions.enrolmentRequired(request)) {
            return false;
        }
        var person = TwoFactorSessions.passwordOnly().orElseThrow();
        if (twoFactor.requiredFor(person.id())) {
            return true;
        }
        TwoFactorSessions.releaseEnrolment(request);
        return false;
    }
}
