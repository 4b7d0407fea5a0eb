package dev.toolyard.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretKeyProperties.class)
class SecretKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecretKeyConfiguration.class);
    private static final int KEY_BYTES = 32;

    @Bean
    SecretBox secretBox(SecretKeyProperties properties, @Value("${toolyard.data-dir:data}") Path dataDir) {
        if (properties.value() != null && !properties.value().isBlank()) {
            return new SecretBox(parse(properties.value(), "TOOLYARD_SECRET_KEY"));
        }
        Path file = properties.file() != null ? properties.file() : dataDir.resolve("secret.key");
        return new SecretBox(Files.exists(file) ? read(file) : create(file));
    }

    private static SecretKey read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the secret key file " + file, e);
        }
    }

    /** Losing this key loses every stored secret, so the operator is told to back it up. */
    private static SecretKey create(Path file) {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the secret key file " + file, e);
        }
        log.warn("Created a new secret key in {}. Back it up with the database: without it, stored secrets "
                + "cannot be read. Or set TOOLYARD_SECRET_KEY.", file.toAbsolutePath());
        return new SecretKeySpec(key, "AES");
    }

    private static SecretKey parse(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64; make one with: openssl rand -base64 32");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException(source + " must hold 32 bytes (AES-256); it holds " + key.length
                    + ". Make one with: openssl rand -base64 32");
        }
        return new SecretKeySpec(key, "AES");
    }
}
