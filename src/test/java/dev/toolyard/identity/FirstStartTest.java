package dev.toolyard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.toolyard.ToolyardApplication;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.ConsoleSession;
import dev.toolyard.testing.TestClock;
import dev.toolyard.testing.TestClockConfiguration;
import dev.toolyard.testing.TestDatabases;

/** T-D2: the first start makes the admin space and lets exactly one first admin in, safely. */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartTest {

    private static final Pattern SETUP_LINK = Pattern.compile("http://localhost:\\d+(/setup/[A-Za-z0-9_-]{40,})");
    private static final String PASSWORD = "a long and private phrase";

    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void withoutBootstrapSettingsTheLogShowsALinkThatCreatesTheFirstAdminOnce(CapturedOutput output) {
        String database = TestDatabases.createDatabase();
        var app = start(database);
        String link = setupLink(output.getOut());
        var browser = new ConsoleSession(port(app));

        assertThat(browser.get(link).statusCode()).isEqualTo(200);
        var created = browser.post(link, Map.of("email", "Founder@Example.com", "firstName", "Grace",
                "lastName", "Hopper", "password", PASSWORD));
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login?setUp"));

        var founder = new ConsoleSession(port(app));
        founder.signIn("founder@example.com", PASSWORD);
        var me = ApiClient.parse(founder.api("GET", "/api/v1/me", null).body());
        assertThat(me.get("instanceAdmin").asBoolean()).isTrue();
        assertThat(me.get("space").get("name").asString()).isEqualTo("Admin");
        assertThat(me.get("firstName").asString()).isEqualTo("Grace");

        var again = new ConsoleSession(port(app));
        assertThat(again.get(link).statusCode()).isEqualTo(404);
        again.get("/login");
        var second = again.post(link, Map.of("email", "intruder@example.com", "password", PASSWORD));
        assertThat(second.statusCode()).isEqualTo(404);
        assertThat(jdbc(app).sql("select count(*) from users").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc(app).sql("select count(*) from audit_entries where action = 'setup.first_admin_created'"
                + " and after_state like '%setup_link%'").query(Long.class).single()).isEqualTo(1);

        app.close();
        int printedBefore = output.getOut().length();
        var restarted = start(database);
        assertThat(output.getOut().substring(printedBefore)).doesNotContain("/setup/");
        assertThat(jdbc(restarted).sql("select count(*) from spaces where is_admin_space").query(Long.class).single())
                .isEqualTo(1);
        assertThat(new ConsoleSession(port(restarted)).signIn("founder@example.com", PASSWORD)
                .headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
    }

    @Test
    void aSetupLinkStopsWorkingWhenItExpires(CapturedOutput output) {
        var app = start(TestDatabases.createDatabase());
        String link = setupLink(output.getOut());

        app.getBean(TestClock.class).advance(Duration.ofHours(25));

        var browser = new ConsoleSession(port(app));
        assertThat(browser.get(link).statusCode()).isEqualTo(404);
        assertThat(browser.get(link).body()).contains("not valid");
        browser.get("/login");
        assertThat(browser.post(link, Map.of("email", "late@example.com", "password", PASSWORD)).statusCode())
                .isEqualTo(404);
        assertThat(jdbc(app).sql("select count(*) from users").query(Long.class).single()).isZero();
    }

    @Test
    void aRestartBeforeSetupPrintsANewLinkAndRetiresTheOld(CapturedOutput output) {
        String database = TestDatabases.createDatabase();
        var first = start(database);
        String oldLink = setupLink(output.getOut());
        first.close();

        int printedBefore = output.getOut().length();
        var second = start(database);
        String newLink = setupLink(output.getOut().substring(printedBefore));

        assertThat(newLink).isNotEqualTo(oldLink);
        var browser = new ConsoleSession(port(second));
        assertThat(browser.get(oldLink).statusCode()).isEqualTo(404);
        assertThat(browser.get(newLink).statusCode()).isEqualTo(200);
    }

    @Test
    void aWeakPasswordOnTheSetupPageIsRefusedAndTheLinkStillWorks(CapturedOutput output) {
        var app = start(TestDatabases.createDatabase());
        String link = setupLink(output.getOut());
        var browser = new ConsoleSession(port(app));
        browser.get(link);

        var refused = browser.post(link, Map.of("email", "founder@example.com", "password", "password1234"));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("too common");
        assertThat(browser.get(link).statusCode()).isEqualTo(200);
    }

    @Test
    void withBootstrapSettingsTheAdminExistsAndNoLinkIsPrinted(CapturedOutput output) {
        var app = start(TestDatabases.createDatabase(), "--toolyard.admin.email=ops@example.com",
                "--toolyard.admin.password=" + PASSWORD);

        assertThat(output.getOut()).doesNotContain("/setup/");
        var session = new ConsoleSession(port(app));
        session.signIn("ops@example.com", PASSWORD);
        assertThat(ApiClient.parse(session.api("GET", "/api/v1/me", null).body()).get("instanceAdmin").asBoolean())
                .isTrue();
        assertThat(jdbc(app).sql("select actor_label from audit_entries where action = 'setup.first_admin_created'")
                .query(String.class).single()).isEqualTo("system");
    }

    @Test
    void aWeakBootstrapPasswordStopsTheStartWithAClearMessage() {
        assertThatThrownBy(() -> start(TestDatabases.createDatabase(), "--toolyard.admin.email=ops@example.com",
                "--toolyard.admin.password=short"))
                .hasStackTraceContaining("TOOLYARD_ADMIN_PASSWORD refused: password must be at least 12 characters");
    }

    private ConfigurableApplicationContext start(String database, String... extra) {
        var args = new ArrayList<>(List.of("--toolyard.db.url=" + database, "--server.port=0",
                "--toolyard.data-dir=target/test-data"));
        args.addAll(List.of(extra));
        var context = new SpringApplicationBuilder(ToolyardApplication.class, TestClockConfiguration.class)
                .run(args.toArray(String[]::new));
        started.add(context);
        return context;
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static JdbcClient jdbc(ConfigurableApplicationContext context) {
        return context.getBean(JdbcClient.class);
    }

    private static String setupLink(String log) {
        var matcher = SETUP_LINK.matcher(log);
        String last = null;
        while (matcher.find()) {
            last = matcher.group(1);
        }
        assertThat(last).as("a set-up link in the log").isNotNull();
        return last;
    }
}
