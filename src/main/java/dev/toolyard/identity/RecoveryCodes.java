package dev.toolyard.identity;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Recovery codes: ten single-use codes shown once, for a person without their authenticator.
 * Each is ten Base32 characters (50 random bits) in two groups of five; only its SHA-256 is kept,
 * which is enough for a random secret of that size given the sign-in throttle in front of it.
 */
final class RecoveryCodes {

    static final int COUNT = 10;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {
    }

    static List<String> generate() {
        return IntStream.range(0, COUNT).mapToObj(i -> group() + "-" + group()).toList();
    }

    /** The stored form: case, spaces and dashes do not matter when a person types a code. */
    static String hash(String typed) {
        return SecretTokens.hash(typed.toLowerCase(Locale.ROOT).replaceAll("[\\s-]", ""));
    }

    private static String group() {
        var text = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
