package dev.toolyard.sso;

import java.util.Locale;

import dev.toolyard.shared.InvalidInputException;

/**
 * T-ID3: what a first SSO sign-in of someone who is not a user of the space does: nothing (they
 * are refused), make them an enabled user, or a suggested one whom an admin approves.
 */
public enum JitMode {
    OFF, ENABLED, SUGGESTED;

    public static JitMode parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("jit", "sso.invalid_jit", "jit is off, enabled or suggested");
        }
    }
}
