package dev.toolyard.resources.connector;

/**
 * What a submission says about one write-only field: left out (keep what is stored), sent as
 * JSON null (clear it), or sent with a value (store it).
 */
public record SecretInput(Action action, String value) {

    public enum Action { KEEP, CLEAR, SET }

    static final SecretInput KEEP = new SecretInput(Action.KEEP, null);
    static final SecretInput CLEAR = new SecretInput(Action.CLEAR, null);

    static SecretInput set(String value) {
        return new SecretInput(Action.SET, value);
    }

    /** Never the value. */
    @Override
    public String toString() {
        return "SecretInput[" + action + "]";
    }
}
