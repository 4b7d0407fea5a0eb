package dev.toolyard.identity;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.toolyard.shared.InvalidInputException;

/** T-ID1: long passwords pass; short, common and guessable ones are refused with a code. */
class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @ParameterizedTest
    @CsvSource({
            "short,                  password.too_short",
            "elevenchars,            password.too_short",
            "password1234,           password.too_common",
            "Password1234!,          password.too_common",
            "!!Welcome2026!!,        password.too_common",
            "qwertyqwertyqwerty,     password.too_common",
            "123456789012,           password.too_common",
            "aaaaaaaaaaaaaaaa,       password.too_common",
            "abcdefghijklmn,         password.too_common",
            "hellohellohello,        password.too_common",
            "mariacurie-labnotes,    password.contains_email" })
    void weakPasswordsAreRefusedWithTheirCode(String password, String code) {
        assertThatThrownBy(() -> policy.check(password, "mariacurie@example.com"))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = { "correct horse battery staple", "tr0ub4dor&3-extended", "ölçü birimi çok uzun" })
    void longUncommonPasswordsPass(String password) {
        assertThatCode(() -> policy.check(password, "mariacurie@example.com")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(ints = { 129, 1000 })
    void passwordsLongerThanTheMaximumAreRefused(int length) {
        assertThatThrownBy(() -> policy.check("x".repeat(length - 1) + "y", null))
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("password.too_long");
    }
}
