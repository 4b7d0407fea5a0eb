package dev.toolyard.identity;

import java.io.IOException;

import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sends the sign-in page a reason it can explain; never whether the e-mail exists. A right
 * password of a person with two-factor on is not a success yet: it leads to the second step.
 */
class SignInFailureHandler implements AuthenticationFailureHandler {

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        if (exception instanceof SecondFactorRequiredException secondFactor) {
            TwoFactorSessions.awaitSecondFactor(request, secondFactor.pending());
            response.sendRedirect(request.getContextPath() + "/login/two-factor");
            return;
        }
        String query;
        if (exception instanceof SignInThrottledException throttled) {
            long minutes = Math.max(1, (throttled.retryAfter().toSeconds() + 59) / 60);
            query = "error=throttled&minutes=" + minutes;
        } else if (exception instanceof SsoRequiredException) {
            query = "error=sso_required";
        } else if (exception instanceof DisabledException) {
            query = "error=disabled";
        } else {
            query = "error=credentials";
        }
        response.sendRedirect(request.getContextPath() + "/login?" + query);
    }
}
