package dk.care.provisioning.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What became of a request, a creation or a change of a user: {@code PENDING} while the worker has
 * recorded no outcome (it cannot tell a request still on the topic from one never sent), {@code CREATED}
 * with the new user, {@code CHANGED} with the changed user, {@code SCHEDULED} with the user and when the
 * change will be made, or {@code FAILED} with every violation as its {@code UserCreationFailed} or
 * {@code UserChangeFailed} lists them (and the user, for a change of a known user).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestState(String requestId, State state, @Nullable UUID userId, @Nullable Instant processedAt,
                           @Nullable Instant scheduledFor, List<Error> errors) {

    public enum State { PENDING, CREATED, CHANGED, SCHEDULED, FAILED }

    /** One violation: its code, the request field it concerns (null for the request as a whole), a message. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(String code, @Nullable String field, String message) {
    }

    /** The state of a request without a recorded outcome, and of one outside the caller's organisations. */
    public static RequestState pending(String requestId) {
        return new RequestState(requestId, State.PENDING, null, null, null, List.of());
    }
}
