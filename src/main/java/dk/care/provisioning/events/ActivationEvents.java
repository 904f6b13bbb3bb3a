package dk.care.provisioning.events;

import dk.care.provisioning.config.TopicProperties;
import dk.care.provisioning.outbox.Outbox;
import dk.care.provisioning.user.Activation;
import dk.care.provisioning.user.ActivationPublisher;
import dk.care.provisioning.v1.UserActivated;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes activations as {@code UserActivated}, through the outbox, keyed by userId: the event
 * is about a user, so every later event about the same user (none yet) lands on its partition in
 * order, and a consumer that keeps users by id (an admin UI's user list) can compact on the key.
 * The requestId travels in the value for those who join with {@code UserCreated}.
 */
@Component
class ActivationEvents implements ActivationPublisher {

    private final Outbox outbox;
    private final TopicProperties topics;

    ActivationEvents(Outbox outbox, TopicProperties topics) {
        this.outbox = outbox;
        this.topics = topics;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(Activation activation) {
        var event = UserActivated.newBuilder()
                .setEventId(activation.eventId())
                .setUserId(activation.userId())
                .setRequestId(activation.requestId())
                .setOrganisationId(activation.organisationId())
                .setUsername(activation.username())
                .setOccurredAt(activation.occurredAt())
                .setInvitationId(activation.invitationId())
                .build();
        outbox.append(topics.userActivated(), activation.userId().toString(), event);
    }
}
