package dev.toolyard.identity;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Links Toolyard prints or sends must work from outside: the configured base URL, else this host. */
@Component
public class PublicUrls {

    private final AdminBootstrapProperties properties;
    private final Environment environment;

    PublicUrls(AdminBootstrapProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    public String of(String path) {
        var configured = properties.baseUrl();
        if (configured != null && !configured.isBlank()) {
            return configured.replaceAll("/+$", "") + path;
        }
        return "http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080")) + path;
    }
}
