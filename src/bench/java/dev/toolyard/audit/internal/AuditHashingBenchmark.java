package dev.toolyard.audit.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.toolyard.audit.AuditEntry;
import dev.toolyard.audit.AuditOutcome;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/**
 * The CPU cost the hash chain adds to every audit append (and to every entry a verification walks):
 * canonical JSON of all fields plus SHA-256. Lives in the audit module's internal package so it can
 * build the before/after states with the same {@link CanonicalJson} writer the log uses.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
public class AuditHashingBenchmark {

    private AuditEntry entry;

    @Setup
    public void prepare() {
        var before = new LinkedHashMap<String, Object>();
        before.put("name", "Refund approvals");
        before.put("description", "Approve or reject refund requests above the support team's limit");
        before.put("folder", "Finance / Refunds");
        before.put("defaultAccess", "USE");
        before.put("grants", List.of(
                Map.of("group", "Support leads", "level", "EDIT"),
                Map.of("group", "Finance", "level", "OWN")));
        before.put("releasedVersion", 14);
        before.put("environments", List.of("staging", "production"));
        var after = new LinkedHashMap<>(before);
        after.put("grants", List.of(
                Map.of("group", "Support leads", "level", "EDIT"),
                Map.of("group", "Finance", "level", "OWN"),
                Map.of("group", "Auditors", "level", "USE")));
        after.put("releasedVersion", 15);
        String beforeJson = CanonicalJson.write(before);
        String afterJson = CanonicalJson.write(after);
        var space = new SpaceId(UUID.fromString("6f1c2a4e-8b1d-4c3a-9e2f-0a7b5c9d1e34"));
        entry = new AuditEntry(0, space.toString(), 48_213, Instant.parse("2026-11-23T09:41:27.318204Z"), space,
                new UserId(UUID.fromString("c3d9e8f1-27a4-4b6e-8d15-93f0a2b4c6d7")), "dana.kovacs@example.com",
                "203.0.113.47", "access.grant_changed", "app", "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
                "Refund approvals", AuditOutcome.SUCCESS, beforeJson, afterJson,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", null);
        if (beforeJson.length() < 200 || afterJson.length() < 200) {
            throw new IllegalStateException("states should be a few hundred bytes, as real changes are");
        }
    }

    @Benchmark
    public String hashEntry() {
        return AuditHashing.hash(entry);
    }
}
