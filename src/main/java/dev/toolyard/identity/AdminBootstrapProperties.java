package dev.toolyard.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * T-D2: {@code TOOLYARD_ADMIN_EMAIL} and {@code TOOLYARD_ADMIN_PASSWORD} create the first admin at
 * first start; without them the log shows a one-time set-up link valid for {@code linkValidity}.
 * {@code TOOLYARD_BASE_URL} is where people reach the instance, for links.
 */
@ConfigurationProperties("toolyard")
record AdminBootstrapProperties(Admin admin, String baseUrl, Invitations invitations) {

    AdminBootstrapProperties {
        admin = admin == null ? new Admin(null, null, null) : admin;
        invitations = invitations == null ? new Invitations(null, null) : invitations;
    }

    /** T-U2: how long an invitation link works, and the sender of invitation e-mails. */
    record Invitations(Duration validity, String mailFrom) {

        Invitations {
            validity = validity == null ? Duration.ofDays(7) : validity;
            mailFrom = mailFrom == null || mailFrom.isBlank() ? "toolyard@localhost" : mailFrom;
        }
    }

    record Admin(String email, String password, Duration setupLinkValidity) {

        Admin {
            setupLinkValidity = setupLinkValidity == null ? Duration.ofHours(24) : setupLinkValidity;
        }

        boolean configured() {
            return email != null && !email.isBlank();
        }
    }
}
