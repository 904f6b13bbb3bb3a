package dk.care.provisioning.user;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The idempotency record of one requestId, creation or change (requestIds are global): a fingerprint
 * of what was asked and the outcome event exactly as first published (for a scheduled change: as
 * published when it was applied).
 */
@Table("processed_request")
public record ProcessedRequest(
        @Id String requestId,
        String fingerprint,
        Outcome outcome,
        @Nullable UUID userId,
        UUID eventId,
        String eventTopic,
        String eventType,
        byte[] eventPayload,
        Instant processedAt) {

    /** What became of the request, as the console and the query API read it. */
    public enum Outcome {
        /** A creation made a user. */
        CREATED,
        /** A creation was rejected; its violations are in {@code request_violation}. */
        FAILED,
        /** A change of a user was applied. */
        CHANGED,
        /** A change was rejected (when it arrived, or when it was due); its violations are in {@code request_violation}. */
        CHANGE_FAILED,
        /** A change was accepted for later and is not applied yet. */
        SCHEDULED,
        /** A scheduled change was withdrawn before it was due. */
        CANCELLED
    }

    static ProcessedRequest of(String requestId, String fingerprint, @Nullable UUID userId, PublishedEvent event,
                               Instant at) {
        return new ProcessedRequest(requestId, fingerprint, userId == null ? Outcome.FAILED : Outcome.CREATED, userId,
                event.eventId(), event.topic(), event.type(), event.payload(), at);
    }

    /** Whether this records a value that could not be read, whose MALFORMED_MESSAGE a readable copy supersedes. */
    public boolean unreadable() {
        return Fingerprint.UNREADABLE.equals(fingerprint);
    }

    public PublishedEvent event() {
        return new PublishedEvent(eventId, eventTopic, requestId, eventType, eventPayload);
    }
}
