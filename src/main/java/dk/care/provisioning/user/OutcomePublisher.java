package dk.care.provisioning.user;

import dk.care.provisioning.jdbc.BulkInsert;
import java.util.List;

/**
 * Hands outcomes to the outbox within the caller's transaction. Implemented by the events feature,
 * which owns the wire format, so the domain never sees generated classes.
 */
public interface OutcomePublisher {

    /** Encodes the outcome as its event, to be handed to {@link #outboxRowsOf}; counted once committed. */
    PublishedEvent encode(ProvisioningOutcome outcome);

    /** Counts an event published before that is about to be published again, unchanged (same eventId). */
    void countRepublished();

    /** The outbox rows that publish these events in order, for the caller to insert in its transaction. */
    BulkInsert outboxRowsOf(List<PublishedEvent> events);
}
