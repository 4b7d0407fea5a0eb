package dev.toolyard;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;

import dev.toolyard.audit.AuditVerifyCommand;

@SpringBootApplication
@Modulithic(sharedModules = "shared")
public class ToolyardApplication {

    /**
     * Time comes from here, so tests move the clock instead of sleeping. It ticks in microseconds,
     * PostgreSQL's precision, so a time read back equals the time written.
     */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    public static void main(String[] args) {
        if (AuditVerifyCommand.isRequested(args)) {
            // Runs without the web server, so it can check a stopped instance's data.
            var context = new SpringApplicationBuilder(ToolyardApplication.class)
                    .web(WebApplicationType.NONE)
                    .properties(AuditVerifyCommand.ENABLED_PROPERTY + "=true")
                    .run(Arrays.copyOfRange(args, 2, args.length));
            System.exit(AuditVerifyCommand.exitCode(context));
        }
        new SpringApplicationBuilder(ToolyardApplication.class).run(args);
    }
}
