package dev.toolyard.identity;

import java.io.Serial;

import org.springframework.security.core.AuthenticationException;

/**
 * The password was right, but the person has two-factor on: the sign-in is not finished, so Spring
 * Security must not treat it as a success. The failure handler turns it into the pending state.
 */
class SecondFactorRequiredException extends AuthenticationException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient PendingTwoFactor pending;

    SecondFactorRequiredException(PendingTwoFactor pending) {
        super("A second factor is required");
        this.pending = pending;
    }

    PendingTwoFactor pending() {
        return pending;
    }
}
