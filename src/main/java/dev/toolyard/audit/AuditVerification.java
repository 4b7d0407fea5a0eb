package dev.toolyard.audit;

import java.util.Optional;

/** The result of walking every chain: intact, or the first entry whose link is broken. */
public record AuditVerification(long entriesChecked, int chainsChecked, Optional<BrokenLink> firstBroken) {

    public boolean intact() {
        return firstBroken.isEmpty();
    }

    /** {@code entryId} is empty when the break is a missing tail, seen only from the chain head. */
    public record BrokenLink(String chain, long seq, Optional<Long> entryId, String reason) {
    }
}
