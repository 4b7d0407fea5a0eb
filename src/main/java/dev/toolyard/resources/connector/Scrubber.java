package dev.toolyard.resources.connector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.toolyard.resources.BoundQuery;
import dev.toolyard.shared.SourceFailedException;

/**
 * Keeps secrets out of the messages a source answers with (T-RS2): an error text may quote what
 * it was sent (a value, a header), and it reaches the caller, logs and audit entries.
 */
public final class Scrubber {

    /** Shorter values would blank out ordinary words of a message without protecting anything. */
    private static final int MIN_LENGTH = 4;
    private static final int MAX_MESSAGE = 1000;

    private final List<String> secrets;

    private Scrubber(List<String> secrets) {
        this.secrets = secrets;
    }

    public static Scrubber of(Settings settings, BoundQuery query) {
        var secrets = new ArrayList<String>(settings.secrets().values());
        if (query != null) {
            for (var field : query.fields()) {
                for (var piece : field.pieces()) {
                    if (piece instanceof BoundQuery.Value value && value.secret() && value.value() != null) {
                        secrets.add(value.value().toString());
                    }
                }
            }
        }
        secrets.removeIf(secret -> secret.length() < MIN_LENGTH);
        // Longest first, so a secret containing another is replaced whole.
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        return new Scrubber(secrets);
    }

    public String scrub(String message) {
        if (message == null) {
            return "";
        }
        String scrubbed = message;
        for (String secret : secrets) {
            scrubbed = scrubbed.replace(secret, "[secret]");
        }
        return scrubbed.length() > MAX_MESSAGE ? scrubbed.substring(0, MAX_MESSAGE) + "…" : scrubbed;
    }

    public SourceFailedException failed(String code, String message, boolean timedOut) {
        return new SourceFailedException(code, scrub(message), timedOut);
    }
}
