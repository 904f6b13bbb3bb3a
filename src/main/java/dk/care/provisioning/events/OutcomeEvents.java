package dk.care.provisioning.events;

import dk.care.provisioning.config.TopicProperties;
import dk.care.provisioning.outbox.Outbox;
import dk.care.provisioning.user.OutcomePublisher;
import dk.care.provisioning.user.ProvisioningOutcome;
import dk.care.provisioning.user.PublishedEvent;
import java.util.List;
import org.springframework.stereotype.Component;

/** Publishes outcomes as the Avro events of docs/design.md §3, through the outbox. */
@Component
class OutcomeEvents implements OutcomePublisher {

    private final Outbox outbox;
    private final TopicProperties topics;
    private final OutcomeMetrics metrics;

    OutcomeEvents(Outbox outbox, TopicProperties topics, OutcomeMetrics metrics) {
        this.outbox = outbox;
        this.topics = topics;
        this.metrics = metrics;
    }

    @Override
    public PublishedEvent encode(ProvisioningOutcome outcome) {
        Outbox.Message message = switch (outcome) {
            case ProvisioningOutcome.Created created ->
                    Outbox.encode(topics.userCreated(), created.requestId(), OutcomeMapper.toAvro(created));
            case ProvisioningOutcome.Rejected rejected ->
                    Outbox.encode(topics.userCreationFailed(), rejected.requestId(), OutcomeMapper.toAvro(rejected));
        };
        return new PublishedEvent(outcome.eventId(), message.topic(), message.key(), message.type(), message.payload());
    }

    @Override
    public void countPublished(ProvisioningOutcome outcome) {
        metrics.published(outcome);
    }

    @Override
    public void countRepublished() {
        metrics.republished();
    }

    @Override
    public void publish(List<PublishedEvent> events) {
        outbox.append(events.stream()
                .map(event -> new Outbox.Message(event.topic(), event.key(), event.type(), event.payload()))
                .toList());
    }
}
