package dev.toolyard.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.toolyard.shared.InvalidInputException;

/**
 * T-ID1: a password must be long enough and must not be a common one. Length beats complexity
 * rules (NIST SP 800-63B), so there are no character-class rules, only a minimum length, a
 * maximum that keeps hashing cheap to ask for, and a deny-list.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    private final Set<String> common;

    PasswordPolicy() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            common = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException("The common password list is part of the build", e);
        }
    }

    /** Throws with a field problem on {@code password} when the password must be refused. */
    public void check(String password, String email) {
        check(password, email, "password");
    }

    /** Throws with a field problem on {@code field}, the form's name for the new password. */
    public void check(String password, String email, String field) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw refuse(field, "password.too_short", "password must be at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw refuse(field, "password.too_long", "password must be at most " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (isCommon(lower) || isMonotonous(lower)) {
            throw refuse(field, "password.too_common", "password is too common or too easy to guess; choose another");
        }
        String localPart = email == null ? "" : email.toLowerCase(Locale.ROOT).replaceAll("@.*", "");
        if (localPart.length() >= 4 && lower.contains(localPart)) {
            throw refuse(field, "password.contains_email", "password must not contain your e-mail address");
        }
    }

    private boolean isCommon(String lower) {
        if (common.contains(lower)) {
            return true;
        }
        String core = lower.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "");
        if (core.isEmpty()) {
            return common.contains(lower.replaceAll("[^0-9]", ""));
        }
        return common.contains(core) || isRepetition(core);
    }

    private boolean isRepetition(String core) {
        for (int size = 1; size <= core.length() / 2; size++) {
            if (core.length() % size == 0 && core.equals(core.substring(0, size).repeat(core.length() / size))) {
                return true;
            }
        }
        return false;
    }

    /** One repeated character, or a run of consecutive characters such as 123456789012 or abcdefghijkl. */
    private static boolean isMonotonous(String lower) {
        int up = 0;
        int down = 0;
        int same = 0;
        for (int i = 1; i < lower.length(); i++) {
            int step = lower.charAt(i) - lower.charAt(i - 1);
            up += step == 1 || (lower.charAt(i - 1) == '9' && lower.charAt(i) == '0') ? 1 : 0;
            down += step == -1 ? 1 : 0;
            same += step == 0 ? 1 : 0;
        }
        int steps = lower.length() - 1;
        return up == steps || down == steps || same == steps;
    }

    private static InvalidInputException refuse(String field, String code, String message) {
        return InvalidInputException.of(field, code, message);
    }
}
