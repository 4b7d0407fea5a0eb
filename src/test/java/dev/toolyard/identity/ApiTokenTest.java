package dev.toolyard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.toolyard.testing.Admin;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.TestClock;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;

/** T-API2: scoped, hashed, expiring, revocable access tokens. */
@ToolyardTest
class ApiTokenTest {

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aTokenIdentifiesItsOwnerAndSpace() {
        var me = new ApiClient(port, Admin.token(port, "spaces:read")).get("/api/v1/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("email").asString()).isEqualTo(ToolyardTest.ADMIN_EMAIL);
        assertThat(me.json().get("space").get("name").asString()).isEqualTo("Admin");
        assertThat(me.json().get("authenticatedBy").asString()).isEqualTo("token");
        assertThat(me.json().get("scopes").toString()).isEqualTo("[\"spaces:read\"]");
    }

    @Test
    void scopesAllowWhatTheyNameAndNothingElse() {
        var reader = new ApiClient(port, Admin.token(port, "spaces:read"));
        var writer = new ApiClient(port, Admin.token(port, "spaces:write"));

        assertThat(reader.get("/api/v1/spaces").status()).isEqualTo(200);
        assertThat(reader.post("/api/v1/spaces", "{\"name\":\"Reader made\"}").json().get("code").asString())
                .isEqualTo("access.insufficient_scope");
        assertThat(writer.post("/api/v1/spaces", "{\"name\":\"Writer made\"}").status()).isEqualTo(201);
        assertThat(writer.get("/api/v1/spaces").status()).isEqualTo(403);
        assertThat(reader.get("/api/v1/tokens").status()).isEqualTo(403);
        assertThat(reader.post("/api/v1/audit/verify", null).status()).isEqualTo(403);
    }

    @Test
    void aTokenCannotMakeATokenWithMoreScopesThanItHas() {
        var tokenMaker = new ApiClient(port, Admin.token(port, "tokens:write", "spaces:read"));

        var wider = tokenMaker.post("/api/v1/tokens", "{\"name\":\"wider\",\"scopes\":[\"spaces:write\"]}");
        var same = tokenMaker.post("/api/v1/tokens", "{\"name\":\"same\",\"scopes\":[\"spaces:read\"]}");

        assertThat(wider.status()).isEqualTo(403);
        assertThat(wider.json().get("code").asString()).isEqualTo("access.insufficient_scope");
        assertThat(same.status()).isEqualTo(201);
    }

    @Test
    void unknownScopesAreRefused() {
        var admin = Admin.signedIn(port);
        var response = admin.api("POST", "/api/v1/tokens", "{\"name\":\"x\",\"scopes\":[\"everything:all\"]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(ApiClient.parse(response.body()).get("code").asString()).isEqualTo("token.unknown_scope");
    }

    @Test
    void aRevokedTokenIsRefusedOnTheVeryNextRequest() {
        var admin = Admin.signedIn(port);
        String secret = Admin.token(admin, "spaces:read");
        var client = new ApiClient(port, secret);
        assertThat(client.get("/api/v1/me").status()).isEqualTo(200);
        String id = tokenIdOf(secret);

        var revoked = admin.api("DELETE", "/api/v1/tokens/" + id, null);

        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(ApiClient.parse(revoked.body()).get("revokedAt").isNull()).isFalse();
        var refused = client.get("/api/v1/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("code").asString()).isEqualTo("auth.token_invalid");
    }

    /**
     * Tokens are read from memory once presented (V22); a revocation made by another node (here a
     * plain statement on the table, as another node's would be) reaches this one through the
     * table's notification, within moments.
     */
    @Test
    void aTokenRevokedOnAnotherNodeIsRefusedHereWithinMoments() throws InterruptedException {
        String secret = Admin.token(port, "spaces:read");
        var client = new ApiClient(port, secret);
        assertThat(client.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(client.get("/api/v1/me").status()).isEqualTo(200);

        jdbc.sql("update api_tokens set revoked_at = now() where id = ?::uuid").param(tokenIdOf(secret)).update();

        var deadline = Instant.now().plusSeconds(5);
        int status = client.get("/api/v1/me").status();
        while (status == 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
            status = client.get("/api/v1/me").status();
        }
        assertThat(status).isEqualTo(401);
    }

    /**
     * T-API2 with T-SP4: a token acts as its owner as they are now. Admin membership comes from the
     * access engine's snapshot and whether the owner is enabled from the token's own lookup: a change
     * to either holds on the very next request.
     */
    @Test
    void aTokenLosesAdminAndThenAccessOnTheRequestAfterItsOwnerDoes() {
        var space = TestSpaces.create(port, "Token owner");
        var boss = space.enabledUser("boss", "ADMIN");
        var bossApi = boss.token(port, "users:read");
        assertThat(bossApi.get("/api/v1/users").status()).isEqualTo(200);

        var removed = space.api().send("DELETE", "/api/v1/groups/" + space.builtInGroup("ADMIN") + "/members/"
                + boss.id(), null);
        assertThat(removed.status()).as(removed.body()).isEqualTo(204);
        var noLongerAdmin = bossApi.get("/api/v1/users");
        assertThat(noLongerAdmin.status()).as(noLongerAdmin.body()).isEqualTo(403);

        var disabled = space.api().post("/api/v1/users/" + boss.id() + "/disable", null);
        assertThat(disabled.status()).as(disabled.body()).isBetween(200, 204);
        var refused = bossApi.get("/api/v1/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("code").asString()).isEqualTo("auth.token_invalid");
    }

    @Test
    void anExpiredTokenIsRefused() {
        var admin = Admin.signedIn(port);
        var created = admin.api("POST", "/api/v1/tokens", "{\"name\":\"short\",\"scopes\":[\"spaces:read\"],"
                + "\"expiresAt\":\"" + clock.instant().plus(Duration.ofHours(1)) + "\"}");
        var client = new ApiClient(port, ApiClient.parse(created.body()).get("secret").asString());
        assertThat(client.get("/api/v1/me").status()).isEqualTo(200);

        clock.advance(Duration.ofHours(2));

        assertThat(client.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void anExpiryInThePastIsRefused() {
        var response = Admin.signedIn(port).api("POST", "/api/v1/tokens",
                "{\"name\":\"late\",\"scopes\":[\"spaces:read\"],\"expiresAt\":\"" + Instant.parse("2020-01-01T00:00:00Z") + "\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"expiresAt\"");
    }

    @Test
    void theSecretIsShownOnceAndNeverStoredOrListed() {
        var admin = Admin.signedIn(port);
        String secret = Admin.token(admin, "tokens:read");

        var listed = new ApiClient(port, secret).get("/api/v1/tokens");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(secret).contains(secret.substring(0, 10));
        assertThat(admin.get("/settings/tokens").body()).doesNotContain(secret);
        String stored = jdbc.sql("select string_agg(t::text, ' ') from api_tokens t").query(String.class).single();
        assertThat(stored).doesNotContain(secret);
        assertThat(jdbc.sql("select count(*) from api_tokens where secret_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')")
                .param(secret).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void metricsNeedAnInstanceAdminTokenWithTheMetricsScope() {
        var withScope = new ApiClient(port, Admin.token(port, "metrics:read"));
        var withoutScope = new ApiClient(port, Admin.token(port, "spaces:read"));
        var anonymous = new ApiClient(port, null);

        assertThat(withScope.get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(withScope.get("/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
        assertThat(withoutScope.get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/readiness").body()).isEqualTo("{\"status\":\"UP\"}");
    }

    private String tokenIdOf(String secret) {
        return jdbc.sql("select id::text from api_tokens where secret_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')")
                .param(secret).query(String.class).single();
    }
}
