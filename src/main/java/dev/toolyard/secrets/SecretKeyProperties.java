package dev.toolyard.secrets;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code TOOLYARD_SECRET_KEY}: a base64 AES-256 key; when unset, the key is read from
 * {@code TOOLYARD_SECRET_KEY_FILE} (default {@code <data dir>/secret.key}), made on first start.
 */
@ConfigurationProperties("toolyard.secret-key")
record SecretKeyProperties(String value, Path file) {
}
