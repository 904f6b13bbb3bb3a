package dk.care.provisioning.user;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The outcome port for unit tests: encodes an outcome as its own text and remembers what it counted. */
final class RecordingOutcomePublisher implements OutcomePublisher {

    private final Map<UUID, ProvisioningOutcome> encoded = new ConcurrentHashMap<>();
    private final List<ProvisioningOutcome> counted = new ArrayList<>();
    private int republished;

    @Override
    public PublishedEvent encode(ProvisioningOutcome outcome) {
        encoded.put(outcome.eventId(), outcome);
        return new PublishedEvent(outcome.eventId(), outcome.getClass().getSimpleName(), outcome.requestId(),
                outcome.getClass().getName(), outcome.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void publish(List<PublishedEvent> events) {
        throw new UnsupportedOperationException("the in-memory store keeps the events itself");
    }

    @Override
    public void countPublished(ProvisioningOutcome outcome) {
        counted.add(outcome);
    }

    @Override
    public void countRepublished() {
        republished++;
    }

    /** The outcome an event was encoded from. */
    ProvisioningOutcome outcomeOf(PublishedEvent event) {
        return encoded.get(event.eventId());
    }

    List<ProvisioningOutcome> counted() {
        return counted;
    }

    int republished() {
        return republished;
    }
}
