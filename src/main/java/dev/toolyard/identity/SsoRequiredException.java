package dev.toolyard.identity;

import org.springframework.security.core.AuthenticationException;

/** The password was right, but every space of the person requires single sign-on (T-ID2). */
class SsoRequiredException extends AuthenticationException {

    SsoRequiredException() {
        super("Every space of this account requires single sign-on");
    }
}
