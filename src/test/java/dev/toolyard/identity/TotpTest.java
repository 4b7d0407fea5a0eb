package dev.toolyard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** T-ID1: the one-time passwords against the RFCs' own test vectors. */
class TotpTest {

    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "HOTP counter {0} is {1}")
    @CsvSource({ "0,755224", "1,287082", "2,359152", "3,969429", "4,338314", "5,254676", "6,287922", "7,162583",
            "8,399871", "9,520489" })
    void hotpMatchesTheRfc4226Vectors(long counter, String expected) {
        assertThat(Totp.code(RFC_KEY, counter, 6)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "TOTP at {0} s is {1}")
    @CsvSource({ "59,94287082", "1111111109,07081804", "1111111111,14050471", "1234567890,89005924",
            "2000000000,69279037", "20000000000,65353130" })
    void totpMatchesTheRfc6238Sha1Vectors(long epochSeconds, String expected) {
        long step = Totp.stepAt(Instant.ofEpochSecond(epochSeconds));
        assertThat(Totp.code(RFC_KEY, step, 8)).isEqualTo(expected);
    }

    @Test
    void aCodeOfTheStepBeforeOrAfterIsAcceptedAndNamesItsStep() {
        String secret = Base32.encode(RFC_KEY);
        var now = Instant.ofEpochSecond(1111111111);
        long step = Totp.stepAt(now);
        byte[] key = Base32.decode(secret);

        assertThat(Totp.matchingStep(secret, Totp.code(key, step, 6), now)).hasValue(step);
        assertThat(Totp.matchingStep(secret, Totp.code(key, step - 1, 6), now)).hasValue(step - 1);
        assertThat(Totp.matchingStep(secret, Totp.code(key, step + 1, 6), now)).hasValue(step + 1);
        assertThat(Totp.matchingStep(secret, Totp.code(key, step - 2, 6), now)).isEmpty();
        assertThat(Totp.matchingStep(secret, Totp.code(key, step + 2, 6), now)).isEmpty();
        assertThat(Totp.matchingStep(secret, "12345", now)).isEmpty();
        assertThat(Totp.matchingStep(secret, "abcdef", now)).isEmpty();
    }

    @Test
    void base32RoundTripsAndMatchesRfc4648() {
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Base32.decode("mzxw6ytboi")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
        assertThat(Base32.encode(RFC_KEY)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        String secret = Totp.newSecret();
        assertThat(secret).hasSize(32).matches("[A-Z2-7]+");
        assertThat(Base32.decode(secret)).hasSize(20);
    }
}
