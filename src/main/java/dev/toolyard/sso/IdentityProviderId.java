package dev.toolyard.sso;

import java.util.Objects;
import java.util.UUID;

/** An identity provider configured for a space. */
public record IdentityProviderId(UUID value) {

    public IdentityProviderId {
        Objects.requireNonNull(value, "identity provider id must not be null");
    }

    public static IdentityProviderId random() {
        return new IdentityProviderId(UUID.randomUUID());
    }

    public static IdentityProviderId parse(String text) {
        return new IdentityProviderId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
