package dev.toolyard.identity;

import java.io.IOException;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** A new session starts in the person's default space, then goes where they were heading. */
class SignInSuccessHandler extends SavedRequestAwareAuthenticationSuccessHandler {

    private final CurrentCaller currentCaller;

    SignInSuccessHandler(CurrentCaller currentCaller) {
        this.currentCaller = currentCaller;
        setDefaultTargetUrl("/");
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws ServletException, IOException {
        currentCaller.selectDefaultSpace(request, (SignedInUser) authentication.getPrincipal());
        super.onAuthenticationSuccess(request, response, authentication);
    }
}
