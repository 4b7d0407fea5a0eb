package dev.toolyard.identity;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/** Prints the set-up link once the server listens, so the link it shows works at once. */
@Component
@ConditionalOnWebApplication
class FirstStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

    private final FirstAdminSetup setup;
    private final AdminBootstrapProperties properties;
    private final PublicUrls urls;

    FirstStart(FirstAdminSetup setup, AdminBootstrapProperties properties, PublicUrls urls) {
        this.setup = setup;
        this.properties = properties;
        this.urls = urls;
    }

    @Override
    public void run(ApplicationArguments args) {
        setup.prepare().ifPresent(token -> log.warn("""

                ==================================================================================
                  No administrator exists yet. Create the first one within {} at:
                  {}
                  The link works once. Restarting prints a new one and retires this one.
                ==================================================================================""",
                readable(properties.admin().setupLinkValidity()), urls.of("/setup/" + token)));
    }

    private static String readable(Duration duration) {
        long minutes = duration.toMinutes();
        return minutes % 60 == 0 ? minutes / 60 + " hours" : minutes + " minutes";
    }
}
