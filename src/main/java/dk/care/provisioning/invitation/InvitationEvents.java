package dk.care.provisioning.invitation;

import dk.care.provisioning.config.TopicProperties;
import dk.care.provisioning.outbox.Outbox;
import dk.care.provisioning.v1.InvitationEvent;
import dk.care.provisioning.v1.InvitationStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Publishes every status change of an invitation as an {@code InvitationEvent}, through the outbox. */
@Component
class InvitationEvents {

    private final Outbox outbox;
    private final TopicProperties topics;
    private final Clock clock;

    InvitationEvents(Outbox outbox, TopicProperties topics, Clock clock) {
        this.outbox = outbox;
        this.topics = topics;
        this.clock = clock;
    }

    /** Must run in the transaction that made the change, so the event exists exactly when the change does. */
    @Transactional(propagation = Propagation.MANDATORY)
    void publish(Subject invitation, Invitation.Status status, int attempt, @Nullable String detail) {
        var event = InvitationEvent.newBuilder()
                .setEventId(UUID.randomUUID())
                .setInvitationId(invitation.id())
                .setUserId(invitation.userId())
                .setRequestId(invitation.requestId())
                .setOccurredAt(Instant.now(clock))
                .setStatus(InvitationStatus.valueOf(status.name()))
                .setAttempt(attempt)
                .setExpiresAt(invitation.expiresAt())
                .setDetail(detail)
                .build();
        outbox.append(topics.invitations(), invitation.id().toString(), event);
    }

    /** What every event says about the invitation it concerns. */
    record Subject(UUID id, UUID userId, String requestId, Instant expiresAt) {
    }
}
