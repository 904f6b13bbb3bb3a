package dk.care.provisioning.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dk.care.provisioning.testing.OutcomeConsumer;
import dk.care.provisioning.v1.UserCreated;
import dk.care.provisioning.v1.UserCreationFailed;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * docs/design.md §5 "exactly one outcome per requestId", as the delivery tests count it: in the database one
 * stored outcome per request and a user only for a created one; on the outcome topics exactly one
 * distinct eventId per request, the stored one. The same event may be published more than once (the
 * outbox relay publishes at least once), so re-deliveries are counted, not failed.
 */
final class ExactlyOnce {

    private ExactlyOnce() {
    }

    /** Asserts the guarantee for every request of {@code requestIds}; returns how many records were re-deliveries. */
    static int assertFor(Collection<String> requestIds, JdbcClient jdbc, OutcomeConsumer outcomes) {
        Map<String, StoredOutcome> stored = jdbc.sql("select request_id, outcome, event_id from processed_request")
                .query((rs, n) -> new StoredOutcome(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class)))
                .list().stream().collect(Collectors.toMap(StoredOutcome::requestId, Function.identity()));
        Map<String, Long> usersByRequest = jdbc.sql("select request_id, count(*) from app_user group by request_id")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Map<String, List<Object>> published = outcomes.all().stream().collect(Collectors.groupingBy(
                ConsumerRecord::key, Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
        int redelivered = 0;
        for (String requestId : requestIds) {
            StoredOutcome outcome = stored.get(requestId);
            assertThat(outcome).as("stored outcome of %s", requestId).isNotNull();
            assertThat(usersByRequest.getOrDefault(requestId, 0L)).as("users of %s", requestId)
                    .isEqualTo("CREATED".equals(outcome.outcome()) ? 1L : 0L);
            List<Object> events = published.getOrDefault(requestId, List.of());
            assertThat(events.stream().map(ExactlyOnce::eventId).distinct().toList())
                    .as("distinct eventIds published for %s", requestId).containsExactly(outcome.eventId());
            redelivered += events.size() - 1;
        }
        assertThat(usersByRequest.values()).as("users per requestId").allMatch(count -> count == 1);
        return redelivered;
    }

    private static UUID eventId(Object event) {
        return switch (event) {
            case UserCreated created -> created.getEventId();
            case UserCreationFailed failed -> failed.getEventId();
            default -> throw new IllegalStateException("Unexpected event " + event.getClass());
        };
    }

    private record StoredOutcome(String requestId, String outcome, UUID eventId) {
    }
}
