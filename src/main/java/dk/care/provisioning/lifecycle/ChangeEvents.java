package dk.care.provisioning.lifecycle;

import dk.care.provisioning.user.PublishedEvent;

/**
 * Encodes change outcomes as the events they are published as (UserChanged, UserChangeFailed);
 * implemented by the events feature, which owns the wire format. They are appended to the outbox
 * with the creation outcomes' {@code OutcomePublisher}.
 */
public interface ChangeEvents {

    PublishedEvent encode(ChangeOutcome outcome);
}
