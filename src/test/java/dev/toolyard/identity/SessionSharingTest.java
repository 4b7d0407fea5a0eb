package dev.toolyard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import dev.toolyard.ToolyardApplication;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.ConsoleSession;
import dev.toolyard.testing.ToolyardTest;

/** T-D3: two server processes on one PostgreSQL share sign-ins, as nodes behind a load balancer do. */
@ToolyardTest
class SessionSharingTest {

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    private ConfigurableApplicationContext secondNode;
    private int secondPort;

    @BeforeEach
    void startSecondNode() {
        secondNode = new SpringApplicationBuilder(ToolyardApplication.class).run(
                "--toolyard.db.url=" + environment.getProperty("toolyard.db.url"),
                "--server.port=0", "--toolyard.data-dir=target/test-data");
        secondPort = Integer.parseInt(secondNode.getEnvironment().getProperty("local.server.port"));
    }

    @AfterEach
    void stopSecondNode() {
        secondNode.close();
    }

    @Test
    void aSessionStartedOnOneNodeWorksOnTheOther() {
        var onFirst = new ConsoleSession(port);
        onFirst.signIn(ToolyardTest.ADMIN_EMAIL, ToolyardTest.ADMIN_PASSWORD);

        var onSecond = onFirst.on(secondPort);
        var me = onSecond.api("GET", "/api/v1/me", null);

        assertThat(secondPort).isNotEqualTo(port);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(ApiClient.parse(me.body()).get("email").asString()).isEqualTo(ToolyardTest.ADMIN_EMAIL);
        assertThat(onSecond.get("/").body()).contains(ToolyardTest.ADMIN_EMAIL);
    }

    @Test
    void signingOutOnOneNodeEndsTheSessionOnTheOther() {
        var onFirst = new ConsoleSession(port);
        onFirst.signIn(ToolyardTest.ADMIN_EMAIL, ToolyardTest.ADMIN_PASSWORD);
        var onSecond = onFirst.on(secondPort);
        assertThat(onSecond.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(200);

        onSecond.signOut();

        assertThat(onFirst.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
    }
}
