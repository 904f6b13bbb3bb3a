package dk.care.provisioning.user;

/**
 * Hands outcomes to the outbox within the caller's transaction. Implemented by the events feature,
 * which owns the wire format, so the domain never sees generated classes.
 */
public interface OutcomePublisher {

    /** Encodes the outcome and appends it to the outbox; returns what was appended. */
    PublishedEvent publish(ProvisioningOutcome outcome);

    /** Appends an event published before, unchanged (same eventId), to the outbox again. */
    void republish(PublishedEvent event);
}
