package dk.care.provisioning.events;

import dk.care.provisioning.config.TopicProperties;
import dk.care.provisioning.lifecycle.ChangeEvents;
import dk.care.provisioning.lifecycle.ChangeOutcome;
import dk.care.provisioning.outbox.Outbox;
import dk.care.provisioning.user.PublishedEvent;
import dk.care.provisioning.v1.ChangeKind;
import dk.care.provisioning.v1.UserChangeFailed;
import dk.care.provisioning.v1.UserChanged;
import dk.care.provisioning.v1.UserStatus;
import org.springframework.stereotype.Component;

/** Encodes change outcomes as UserChanged and UserChangeFailed (docs/design.md §11), keyed by requestId. */
@Component
class ChangeOutcomeEvents implements ChangeEvents {

    private final TopicProperties topics;

    ChangeOutcomeEvents(TopicProperties topics) {
        this.topics = topics;
    }

    @Override
    public PublishedEvent encode(ChangeOutcome outcome) {
        Outbox.Message message = switch (outcome) {
            case ChangeOutcome.Changed changed -> Outbox.encode(topics.userChanged(), changed.requestId(),
                    UserChanged.newBuilder()
                            .setEventId(changed.eventId())
                            .setRequestId(changed.requestId())
                            .setCorrelationId(changed.correlationId())
                            .setOccurredAt(changed.occurredAt())
                            .setUserId(changed.userId())
                            .setOrganisationId(changed.organisationId())
                            .setVersion(changed.version())
                            .setStatus(UserStatus.valueOf(changed.status().name()))
                            .setChange(ChangeKind.valueOf(changed.change().name()))
                            .setChangedFields(changed.changedFields())
                            .setScheduledFor(changed.scheduledFor())
                            .build());
            case ChangeOutcome.Failed failed -> Outbox.encode(topics.userChangeFailed(), failed.requestId(),
                    UserChangeFailed.newBuilder()
                            .setEventId(failed.eventId())
                            .setRequestId(failed.requestId())
                            .setCorrelationId(failed.correlationId())
                            .setOccurredAt(failed.occurredAt())
                            .setSource(failed.source())
                            .setOrganisationId(failed.organisationId())
                            .setUserId(failed.userId())
                            .setErrors(failed.violations().stream().map(OutcomeMapper::toAvro).toList())
                            .build());
        };
        return new PublishedEvent(outcome.eventId(), message.topic(), message.key(), message.type(), message.payload());
    }
}
