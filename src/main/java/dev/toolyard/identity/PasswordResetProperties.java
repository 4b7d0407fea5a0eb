package dev.toolyard.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * T-ID1: how long a password reset link works, and how many resets an e-mail address and a
 * client address may ask for within the window (T-SEC3), so the form cannot be used to flood
 * someone's mailbox.
 */
@ConfigurationProperties("toolyard.password-reset")
record PasswordResetProperties(Duration linkValidity, Integer maxRequestsPerEmail, Integer maxRequestsPerAddress,
        Duration window) {

    PasswordResetProperties {
        linkValidity = linkValidity == null ? Duration.ofMinutes(30) : linkValidity;
        maxRequestsPerEmail = maxRequestsPerEmail == null ? 3 : maxRequestsPerEmail;
        maxRequestsPerAddress = maxRequestsPerAddress == null ? 20 : maxRequestsPerAddress;
        window = window == null ? Duration.ofHours(1) : window;
    }
}
