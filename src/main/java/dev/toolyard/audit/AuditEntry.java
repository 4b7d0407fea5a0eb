package dev.toolyard.audit;

import java.time.Instant;

import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/**
 * One stored entry of a chain. {@code beforeState} and {@code afterState} are canonical JSON, the
 * exact text that was hashed.
 */
public record AuditEntry(long id, String chain, long seq, Instant occurredAt, SpaceId spaceId, UserId actorId,
        String actorLabel, String clientAddress, String action, String targetType, String targetId,
        String targetLabel, AuditOutcome outcome, String beforeState, String afterState, String prevHash,
        String hash) {
}
