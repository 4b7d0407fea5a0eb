package dev.toolyard.identity;

import java.io.IOException;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A new session starts in the person's default space, then goes where they were heading; a
 * password sign-in of someone a space requires to use two-factor, who has not set it up, goes to
 * the enrolment first and can reach nothing else (T-ID1, {@link TwoFactorEnrolmentGate}).
 */
class SignInSuccessHandler extends SavedRequestAwareAuthenticationSuccessHandler {

    private final CurrentCaller currentCaller;
    private final TwoFactorRepository twoFactor;

    SignInSuccessHandler(CurrentCaller currentCaller, TwoFactorRepository twoFactor) {
        this.currentCaller = currentCaller;
        this.twoFactor = twoFactor;
        setDefaultTargetUrl("/");
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws ServletException, IOException {
        var user = (SignedInUser) authentication.getPrincipal();
        currentCaller.selectDefaultSpace(request, user);
        if (user.method() == SignInMethod.PASSWORD && !twoFactor.enrolled(user.id()) && twoFactor.requiredFor(user.id())) {
            TwoFactorSessions.requireEnrolment(request);
            getRedirectStrategy().sendRedirect(request, response, TwoFactorEnrolmentGate.ENROLMENT_PAGE);
            return;
        }
        super.onAuthenticationSuccess(request, response, authentication);
    }
}
