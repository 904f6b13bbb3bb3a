package dk.care.provisioning.security;

import java.util.Objects;

/** Outcome of resolving one secret: its plaintext, or why it was refused. */
public sealed interface SecretResolution {

    /** The secret's plaintext, ready for validation and hashing or encryption. */
    record Resolved(Secret plaintext) implements SecretResolution {
        public Resolved {
            Objects.requireNonNull(plaintext, "plaintext");
        }
    }

    /** The secret was refused; the message never quotes it. */
    record Rejected(Reason reason, String message) implements SecretResolution {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Why a secret was refused. */
    enum Reason {
        /** Plaintext arrived where only a JWE is accepted. */
        PLAINTEXT_REFUSED,
        /** A JWE that could not be decrypted, whatever the cause (deliberately not told apart). */
        DECRYPTION_FAILED
    }
}
