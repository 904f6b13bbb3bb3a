package dk.care.provisioning.events;

import dk.care.provisioning.config.TopicProperties;
import dk.care.provisioning.outbox.Outbox;
import dk.care.provisioning.user.OutcomePublisher;
import dk.care.provisioning.user.ProvisioningOutcome;
import dk.care.provisioning.user.PublishedEvent;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Component;

/** Publishes outcomes as the Avro events of DESIGN.md §3, through the outbox. */
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
    public PublishedEvent publish(ProvisioningOutcome outcome) {
        metrics.published(outcome);
        return switch (outcome) {
            case ProvisioningOutcome.Created created ->
                    append(topics.userCreated(), created, OutcomeMapper.toAvro(created));
            case ProvisioningOutcome.Rejected rejected ->
                    append(topics.userCreationFailed(), rejected, OutcomeMapper.toAvro(rejected));
        };
    }

    @Override
    public void republish(PublishedEvent event) {
        metrics.republished();
        outbox.appendEncoded(event.topic(), event.key(), event.type(), event.payload());
    }

    private PublishedEvent append(String topic, ProvisioningOutcome outcome, SpecificRecord event) {
        byte[] payload = outbox.append(topic, outcome.requestId(), event);
        return new PublishedEvent(outcome.eventId(), topic, outcome.requestId(), event.getSchema().getFullName(),
                payload);
    }
}
