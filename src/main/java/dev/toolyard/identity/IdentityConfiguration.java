package dev.toolyard.identity;

import java.util.Map;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** What identity needs with or without a web server (the {@code audit verify} command has none). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SignInProperties.class, AdminBootstrapProperties.class,
        PasswordResetProperties.class })
class IdentityConfiguration {

    /** Argon2id for new hashes; the prefix in each hash lets older schemes still verify. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("argon2@SpringSecurity_v5_8", Map.of(
                "argon2@SpringSecurity_v5_8", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder()));
    }
}
