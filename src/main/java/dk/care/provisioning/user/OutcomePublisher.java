package dk.care.provisioning.user;

import java.util.List;

/**
 * Hands outcomes to the outbox within the caller's transaction, and counts them once that committed.
 * Implemented by the events feature, which owns the wire format, so the domain never sees generated
 * classes.
 */
public interface OutcomePublisher {

    /** Encodes the outcome as the event it is published as; nothing is written or counted yet. */
    PublishedEvent encode(ProvisioningOutcome outcome);

    /** Appends these events to the outbox in the caller's transaction, to be published in this order. */
    void publish(List<PublishedEvent> events);

    /** Counts an outcome whose event was committed to the outbox. */
    void countPublished(ProvisioningOutcome outcome);

    /** Counts an event published before that was committed to the outbox again, unchanged (same eventId). */
    void countRepublished();
}
