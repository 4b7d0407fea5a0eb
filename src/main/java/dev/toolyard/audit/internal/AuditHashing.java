package dev.toolyard.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

import dev.toolyard.audit.AuditEntry;

/**
 * SHA-256 over the canonical JSON of every field of an entry and the previous entry's hash, so
 * changing, removing or reordering any entry breaks every link after it.
 */
final class AuditHashing {

    static final String GENESIS = "0".repeat(64);
    private static final String FORMAT_VERSION = "toolyard-audit-v1";

    private AuditHashing() {
    }

    static String hash(AuditEntry entry) {
        var fields = Arrays.asList(FORMAT_VERSION, entry.chain(), entry.seq(), entry.occurredAt().toString(),
                text(entry.spaceId()), text(entry.actorId()), entry.actorLabel(), entry.clientAddress(),
                entry.action(), entry.targetType(), entry.targetId(), entry.targetLabel(), entry.outcome().name(),
                entry.beforeState(), entry.afterState(), entry.prevHash());
        return sha256(CanonicalJson.write(fields));
    }

    private static String text(Object id) {
        return id == null ? null : id.toString();
    }

    private static String sha256(String text) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
