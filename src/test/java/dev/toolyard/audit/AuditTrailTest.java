package dev.toolyard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.toolyard.testing.Admin;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.ConsoleSession;
import dev.toolyard.testing.ToolyardTest;

/** T-AU1, T-AU2: every change and sign-in is recorded, hash-chained, and tampering is found. */
@ToolyardTest
class AuditTrailTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog auditLog;

    @Autowired
    Environment environment;

    @Test
    void everyChangeAndSignInIsRecordedWithActorAddressTargetAndOutcome() {
        new ConsoleSession(port).signIn(ToolyardTest.ADMIN_EMAIL, "a wrong password for the audit");
        var admin = Admin.signedIn(port);
        String secret = Admin.token(admin, "spaces:read", "spaces:write");
        var api = new ApiClient(port, secret);
        String space = api.post("/api/v1/spaces", "{\"name\":\"Audited\"}").json().get("id").asString();
        api.patch("/api/v1/spaces/" + space, "{\"name\":\"Audited twice\"}");
        api.delete("/api/v1/spaces/" + space);
        String tokenId = ApiClient.parse(admin.api("GET", "/api/v1/tokens", null).body()).get(0).get("id").asString();
        admin.api("DELETE", "/api/v1/tokens/" + tokenId, null);
        admin.signOut();

        var failure = latest("auth.sign_in", "FAILURE");
        assertThat(failure.get("actor_label")).isEqualTo(ToolyardTest.ADMIN_EMAIL);
        assertThat(failure.get("client_address")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(latest("auth.sign_in", "SUCCESS").get("actor_id")).isNotNull();
        var renamed = latest("space.renamed", "SUCCESS");
        assertThat(renamed.get("target_id")).isEqualTo(space);
        assertThat(renamed.get("before_state")).isEqualTo("{\"name\":\"Audited\"}");
        assertThat(renamed.get("after_state")).isEqualTo("{\"name\":\"Audited twice\"}");
        assertThat(renamed.get("actor_label")).isEqualTo(ToolyardTest.ADMIN_EMAIL);
        assertThat(latest("space.created", "SUCCESS").get("target_id")).isEqualTo(space);
        assertThat(latest("space.deleted", "SUCCESS").get("target_id")).isEqualTo(space);
        assertThat(latest("token.created", "SUCCESS").get("after_state")).contains("spaces:read").doesNotContain(secret);
        assertThat(latest("token.revoked", "SUCCESS").get("target_id")).isEqualTo(tokenId);
        assertThat(latest("auth.sign_out", "SUCCESS").get("actor_label")).isEqualTo(ToolyardTest.ADMIN_EMAIL);
        assertThat(latest("setup.first_admin_created", "SUCCESS").get("target_label")).isEqualTo(ToolyardTest.ADMIN_EMAIL);
        assertThat(auditLog.verify().intact()).isTrue();
    }

    @Test
    void secretLookingValuesNeverReachTheTrail() {
        var entry = auditLog.append(AuditRecord.action("test.redaction").onInstance()
                .after(Map.of("password", "hunter2hunter2", "nested", Map.of("apiKey", "k-123"), "name", "kept"))
                .build());

        assertThat(entry.afterState()).doesNotContain("hunter2hunter2", "k-123").contains("kept", "[redacted]");
    }

    @Test
    void queuedRecordsFromManyThreadsAreAllChainedInOrderOfTheirChain() throws InterruptedException {
        var threads = new java.util.ArrayList<Thread>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            var writer = new Thread(() -> {
                for (int i = 0; i < 250; i++) {
                    auditLog.appendSoon(AuditRecord.action("test.queued").onInstance()
                            .target("run", thread + "-" + i, null).build());
                }
            });
            writer.start();
            threads.add(writer);
        }
        for (var thread : threads) {
            thread.join();
        }
        auditLog.flush();

        assertThat(jdbc.sql("select count(*) from audit_entries where action = 'test.queued'").query(Long.class).single())
                .isEqualTo(1000);
        assertThat(jdbc.sql("select count(distinct seq) from audit_entries where action = 'test.queued'")
                .query(Long.class).single()).isEqualTo(1000);
        assertThat(auditLog.verify().intact()).isTrue();
    }

    @Test
    void entriesCannotBeChangedOrDeletedThroughSql() {
        long id = auditLog.append(AuditRecord.action("test.append_only").onInstance().build()).id();

        assertThat(attempt("update audit_entries set action = 'x' where id = " + id)).contains("append-only");
        assertThat(attempt("delete from audit_entries where id = " + id)).contains("append-only");
    }

    @Test
    void alteringAStoredEntryIsFoundAndNamedByTheApiAndTheCommand() throws Exception {
        var entry = auditLog.append(AuditRecord.action("test.tamper_target").onInstance()
                .after(Map.of("amount", 100)).build());
        var verifier = new ApiClient(port, Admin.token(port, "audit:read"));
        assertThat(verifier.post("/api/v1/audit/verify", null).json().get("intact").asBoolean()).isTrue();

        tamper("update audit_entries set after_state = '{\"amount\":1}' where id = " + entry.id());
        try {
            var report = verifier.post("/api/v1/audit/verify", null).json();
            assertThat(report.get("intact").asBoolean()).isFalse();
            assertThat(report.get("firstBroken").get("entryId").asLong()).isEqualTo(entry.id());
            assertThat(report.get("firstBroken").get("reason").asString()).contains("altered");

            var command = runVerifyCommand();
            assertThat(command.exitCode()).isEqualTo(1);
            assertThat(command.output()).contains("BROKEN", "(id " + entry.id() + ")");
        } finally {
            tamper("update audit_entries set after_state = '{\"amount\":100}' where id = " + entry.id());
        }
        assertThat(auditLog.verify().intact()).isTrue();
        var intact = runVerifyCommand();
        assertThat(intact.exitCode()).isZero();
        assertThat(intact.output()).contains("Audit trail intact.");
    }

    @Test
    void aRemovedEntryIsFound() {
        var first = auditLog.append(AuditRecord.action("test.removal").onInstance().build());
        auditLog.append(AuditRecord.action("test.removal").onInstance().build());
        var row = jdbc.sql("select * from audit_entries where id = ?").param(first.id()).query().singleRow();

        tamper("delete from audit_entries where id = " + first.id());
        try {
            var result = auditLog.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBroken().orElseThrow().seq()).isEqualTo(first.seq() + 1);
            assertThat(result.firstBroken().orElseThrow().reason()).contains("missing");
        } finally {
            restore(row);
        }
        assertThat(auditLog.verify().intact()).isTrue();
    }

    private Map<String, String> latest(String action, String outcome) {
        var rows = jdbc.sql("select * from audit_entries where action = ? and outcome = ? order by id desc limit 1")
                .params(action, outcome).query().listOfRows();
        assertThat(rows).as("an entry %s %s", action, outcome).hasSize(1);
        var row = new HashMap<String, String>();
        rows.get(0).forEach((key, value) -> row.put(key, value == null ? null : value.toString()));
        return row;
    }

    private String attempt(String sql) {
        try {
            jdbc.sql(sql).update();
            return "succeeded";
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /** What someone with direct database rights could do: switch the guard off and edit. */
    private void tamper(String sql) {
        jdbc.sql("alter table audit_entries disable trigger audit_entries_no_change").update();
        try {
            jdbc.sql(sql).update();
        } finally {
            jdbc.sql("alter table audit_entries enable trigger audit_entries_no_change").update();
        }
    }

    private void restore(Map<String, Object> row) {
        var columns = List.copyOf(row.keySet());
        String sql = "insert into audit_entries (" + String.join(", ", columns) + ") overriding system value values ("
                + String.join(", ", columns.stream().map(c -> ":" + c).toList()) + ")";
        var statement = jdbc.sql(sql);
        for (var column : columns) {
            statement = statement.param(column, row.get(column));
        }
        statement.update();
    }

    record CommandResult(int exitCode, String output) {
    }

    /** Runs {@code audit verify} as an operator would: a separate JVM against the same database. */
    private CommandResult runVerifyCommand() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        var process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.toolyard.ToolyardApplication", "audit", "verify",
                "--toolyard.db.url=" + environment.getProperty("toolyard.db.url"),
                "--logging.level.root=warn")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new CommandResult(process.exitValue(), output);
    }
}
