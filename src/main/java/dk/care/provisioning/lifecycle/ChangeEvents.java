package dk.care.provisioning.lifecycle;

import dk.care.provisioning.user.PublishedEvent;

/**
 * Encodes change outcomes as the events they are published as (UserChanged, UserChangeFailed), and
 * counts them; implemented by the events feature, which owns the wire format and the metrics. They are appended to the outbox
 * with the creation outcomes' {@code OutcomePublisher}.
 */
public interface ChangeEvents {

    /** Encodes the outcome as the event it is published as; nothing is written or counted yet. */
    PublishedEvent encode(ChangeOutcome outcome);

    /** Counts an outcome whose event was committed to the outbox. */
    void countPublished(ChangeOutcome outcome);

    /** Counts a stored outcome committed to the outbox again, unchanged, for a repeated request. */
    void countRepublished();
}
