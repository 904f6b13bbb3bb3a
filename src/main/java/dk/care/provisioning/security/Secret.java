package dk.care.provisioning.security;

import java.util.Objects;

/**
 * A password or CPR number as it travels through the worker: either the JWE it arrived as or,
 * once resolved, the plaintext. Never printed: {@link #toString()} is redacted so a secret cannot
 * reach a log line or an exception message by accident.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The raw value; callers must not log or publish it. */
    public String reveal() {
        return value;
    }

    public boolean isBlank() {
        return value.isBlank();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
