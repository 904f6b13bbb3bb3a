package dk.care.provisioning.user;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One broken rule: a code, the request field it concerns (dotted for nested fields, null when it
 * concerns the request as a whole) and a message for humans that never quotes a secret.
 */
public record Violation(ErrorCode code, @Nullable String field, String message) {

    public Violation {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
