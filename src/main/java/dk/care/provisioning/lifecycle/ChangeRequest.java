package dk.care.provisioning.lifecycle;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request to change one existing user, as mapped from the wire: fields may be blank or anything
 * else the rules refuse. {@code effectiveAt} in the future schedules it.
 */
public record ChangeRequest(
        @Nullable String requestId,
        @Nullable String correlationId,
        @Nullable String source,
        @Nullable String requestedBy,
        @Nullable Instant requestedAt,
        @Nullable String organisationId,
        UserReference user,
        @Nullable Long expectedVersion,
        @Nullable Instant effectiveAt,
        Change change) {

    public ChangeRequest {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(change, "change");
    }
}
