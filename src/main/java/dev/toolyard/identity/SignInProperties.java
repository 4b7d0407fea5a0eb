package dev.toolyard.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * T-SEC3: how many failed sign-ins an account, and a client address, may have within the window
 * before further attempts are refused until the window has passed.
 */
@ConfigurationProperties("toolyard.sign-in")
record SignInProperties(Integer maxFailuresPerAccount, Integer maxFailuresPerAddress, Duration window) {

    SignInProperties {
        maxFailuresPerAccount = maxFailuresPerAccount == null ? 5 : maxFailuresPerAccount;
        maxFailuresPerAddress = maxFailuresPerAddress == null ? 20 : maxFailuresPerAddress;
        window = window == null ? Duration.ofMinutes(15) : window;
    }
}
