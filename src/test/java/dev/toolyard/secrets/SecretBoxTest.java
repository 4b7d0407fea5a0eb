package dev.toolyard.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** T-RS2: secrets are stored encrypted with the operator's key, and only that key opens them. */
class SecretBoxTest {

    private final SecretKeyConfiguration configuration = new SecretKeyConfiguration();

    @TempDir
    Path dataDir;

    @Test
    void aKeyFileIsMadeOnFirstStartReadableOnlyByItsOwnerAndReusedAfter() throws Exception {
        var first = configuration.secretBox(new SecretKeyProperties(null, null), dataDir);
        Path file = dataDir.resolve("secret.key");
        String sealed = first.encrypt("db-password-1", "resource:1:password");

        var second = configuration.secretBox(new SecretKeyProperties(null, null), dataDir);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(second.decrypt(sealed, "resource:1:password")).isEqualTo("db-password-1");
    }

    @Test
    void theSameValueEncryptsDifferentlyEachTimeAndNeverAsPlainText() {
        var box = configuration.secretBox(new SecretKeyProperties(key(1), null), dataDir);

        String a = box.encrypt("hunter2hunter2", "ctx");
        String b = box.encrypt("hunter2hunter2", "ctx");

        assertThat(a).isNotEqualTo(b).doesNotContain("hunter2");
        assertThat(box.decrypt(a, "ctx")).isEqualTo(box.decrypt(b, "ctx")).isEqualTo("hunter2hunter2");
    }

    @Test
    void anotherKeyAnotherContextOrAnAlteredValueCannotBeRead() {
        var box = configuration.secretBox(new SecretKeyProperties(key(1), null), dataDir);
        var otherKey = configuration.secretBox(new SecretKeyProperties(key(2), null), dataDir);
        String sealed = box.encrypt("secret", "resource:1:password");
        // A character in the middle: the last ones may be padding bits that decode to the same bytes.
        int middle = sealed.length() / 2;
        String altered = sealed.substring(0, middle) + (sealed.charAt(middle) == 'A' ? 'B' : 'A') + sealed.substring(middle + 1);

        assertThatThrownBy(() -> otherKey.decrypt(sealed, "resource:1:password")).isInstanceOf(SecretUnreadableException.class);
        assertThatThrownBy(() -> box.decrypt(sealed, "resource:2:password")).isInstanceOf(SecretUnreadableException.class);
        assertThatThrownBy(() -> box.decrypt(altered, "resource:1:password")).isInstanceOf(SecretUnreadableException.class);
    }

    @Test
    void aKeyOfTheWrongSizeStopsTheStartWithAnExplanation() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> configuration.secretBox(new SecretKeyProperties(shortKey, null), dataDir))
                .hasMessageContaining("must hold 32 bytes").hasMessageContaining("openssl rand -base64 32");
    }

    private static String key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return Base64.getEncoder().encodeToString(key);
    }
}
