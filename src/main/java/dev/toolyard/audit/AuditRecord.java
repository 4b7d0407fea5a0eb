package dev.toolyard.audit;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.toolyard.shared.Caller;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/**
 * What is to be appended: who did what to which target, where from, with what outcome, and for
 * changes the state before and after. Values under secret-looking keys are redacted on build,
 * so a careless caller cannot leak a password into the trail.
 */
public record AuditRecord(SpaceId spaceId, UserId actorId, String actorLabel, String clientAddress, String action,
        String targetType, String targetId, String targetLabel, AuditOutcome outcome, Map<String, Object> before,
        Map<String, Object> after) {

    static final String REDACTED = "[redacted]";
    private static final Pattern SECRET_KEY = Pattern.compile(".*(password|secret|token|credential|private_?key|api_?key).*");

    public AuditRecord {
        Objects.requireNonNull(actorLabel, "actor label must not be null");
        Objects.requireNonNull(action, "action must not be null");
        Objects.requireNonNull(outcome, "outcome must not be null");
        before = redact(before);
        after = redact(after);
    }

    public static Builder action(String action) {
        return new Builder(action);
    }

    private static Map<String, Object> redact(Map<String, Object> state) {
        if (state == null) {
            return null;
        }
        var copy = new LinkedHashMap<String, Object>();
        state.forEach((key, value) -> copy.put(key, isSecret(key) ? REDACTED : redactNested(value)));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object redactNested(Object value) {
        return value instanceof Map<?, ?> map ? redact((Map<String, Object>) map) : value;
    }

    private static boolean isSecret(String key) {
        return SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches();
    }

    public static final class Builder {

        private final String action;
        private SpaceId spaceId;
        private UserId actorId;
        private String actorLabel = "system";
        private String clientAddress;
        private String targetType;
        private String targetId;
        private String targetLabel;
        private AuditOutcome outcome = AuditOutcome.SUCCESS;
        private Map<String, Object> before;
        private Map<String, Object> after;

        private Builder(String action) {
            this.action = action;
        }

        /** The caller acted in its current space; the entry joins that space's chain. */
        public Builder by(Caller caller) {
            // Toolyard itself is the actor "system" without an id, as in other entries made at start.
            return actor(caller.system() ? null : caller.userId(), caller.label(), caller.clientAddress())
                    .space(caller.spaceId());
        }

        public Builder actor(UserId id, String label, String address) {
            this.actorId = id;
            this.actorLabel = label;
            this.clientAddress = address;
            return this;
        }

        /** Where the entry is chained; {@code null} puts it on the instance chain. */
        public Builder space(SpaceId spaceId) {
            this.spaceId = spaceId;
            return this;
        }

        public Builder onInstance() {
            return space(null);
        }

        public Builder target(String type, Object id, String label) {
            this.targetType = type;
            this.targetId = id == null ? null : id.toString();
            this.targetLabel = label;
            return this;
        }

        public Builder outcome(AuditOutcome outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder before(Map<String, Object> before) {
            this.before = before;
            return this;
        }

        public Builder after(Map<String, Object> after) {
            this.after = after;
            return this;
        }

        public AuditRecord build() {
            return new AuditRecord(spaceId, actorId, actorLabel, clientAddress, action, targetType, targetId,
                    targetLabel, outcome, before, after);
        }
    }
}
