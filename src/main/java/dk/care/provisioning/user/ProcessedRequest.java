package dk.care.provisioning.user;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The idempotency record of one requestId: a fingerprint of what was asked and the outcome event
 * exactly as first published.
 */
@Table("processed_request")
record ProcessedRequest(
        @Id String requestId,
        String fingerprint,
        Outcome outcome,
        @Nullable UUID userId,
        UUID eventId,
        String eventTopic,
        String eventType,
        byte[] eventPayload,
        Instant processedAt) {

    enum Outcome {
        CREATED, FAILED
    }

    static ProcessedRequest of(String requestId, String fingerprint, @Nullable UUID userId, PublishedEvent event,
                               Instant at) {
        return new ProcessedRequest(requestId, fingerprint, userId == null ? Outcome.FAILED : Outcome.CREATED, userId,
                event.eventId(), event.topic(), event.type(), event.payload(), at);
    }

    /** Whether this records a value that could not be read, whose MALFORMED_MESSAGE a readable copy supersedes. */
    boolean unreadable() {
        return Fingerprint.UNREADABLE.equals(fingerprint);
    }

    PublishedEvent event() {
        return new PublishedEvent(eventId, eventTopic, requestId, eventType, eventPayload);
    }
}
