package dk.care.provisioning.security;

import dk.care.provisioning.user.Secret;
import dk.care.provisioning.user.Violation;

import java.util.Objects;

/** Outcome of resolving one secret: its plaintext, or why it was refused. */
public sealed interface SecretResolution {

    /** The secret's plaintext, ready for validation and hashing or encryption. */
    record Resolved(Secret plaintext) implements SecretResolution {
        public Resolved {
            Objects.requireNonNull(plaintext, "plaintext");
        }
    }

    /** The secret was refused; the violation never quotes it. */
    record Rejected(Violation violation) implements SecretResolution {
        public Rejected {
            Objects.requireNonNull(violation, "violation");
        }
    }
}
