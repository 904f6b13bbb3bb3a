package dk.care.provisioning.user;

import java.util.List;

/**
 * Hands outcomes to the outbox within the caller's transaction. Implemented by the events feature,
 * which owns the wire format, so the domain never sees generated classes.
 */
public interface OutcomePublisher {

    /** Encodes the outcome as its event, to be handed to {@link #publishAll}; counted once committed. */
    PublishedEvent encode(ProvisioningOutcome outcome);

    /** Counts an event published before that is about to be published again, unchanged (same eventId). */
    void countRepublished();

    /** Appends the events to the outbox in the caller's transaction, in order, as one batch. */
    void publishAll(List<PublishedEvent> events);
}
