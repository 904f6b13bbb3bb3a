package dk.care.provisioning.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.testing.Changes;
import dk.care.provisioning.testing.OutcomeConsumer;
import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.StandaloneInfrastructure;
import dk.care.provisioning.testing.WorkerProcess;
import dk.care.provisioning.v1.ChangeUserRequest;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.UserChanged;
import dk.care.provisioning.v1.UserCreated;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * docs/lifecycle.md "scheduled changes": two worker processes on one database apply changes dated in
 * the future; one is killed with SIGKILL as they fall due, wherever it is — in a claim, in the
 * transaction that applies, after it. Every change is applied exactly once: one version step per
 * user, one audit entry, one applied outcome (one distinct eventId; the relay may publish it twice).
 */
@Execution(ExecutionMode.CONCURRENT)
@Tag("crash")
class ScheduledChangeCrashTest {

    private static final int USERS = 200;
    private static final Duration UNTIL_DUE = Duration.ofSeconds(20);
    /** Rounds of one change each, back to back, so that the kill lands among them. */
    private static final Map<String, String> SCHEDULER = Map.of(
            "provisioning.lifecycle.scheduler-interval", "200ms",
            "provisioning.lifecycle.scheduler-batch-size", "1");

    @Test
    void everyScheduledChangeIsAppliedExactlyOnceByOneOfTwoWorkersWhenOneIsKilled() throws Exception {
        try (var infrastructure = new StandaloneInfrastructure(Path.of("target", "scheduled-change-crash-test"));
             OutcomeConsumer created = infrastructure.outcomes();
             OutcomeConsumer changed = new OutcomeConsumer(infrastructure.bootstrapServers(),
                     infrastructure.registry().url(), List.of("user-provisioning.user-changed.v1",
                     "user-provisioning.user-change-failed.v1"));
             KafkaProducer<String, Object> producer = StandaloneInfrastructure.requestProducer(
                     infrastructure.bootstrapServers(), infrastructure.registry().url())) {
            List<WorkerProcess> workers = infrastructure.startWorkers(List.of("worker-a", "worker-b"),
                    name -> SCHEDULER);

            List<CreateUserRequest> creations = IntStream.range(0, USERS)
                    .mapToObj(i -> Requests.phoneSelfRegistration().build()).toList();
            creations.forEach(infrastructure::send);
            infrastructure.flush();
            List<UUID> users = creations.stream().map(request -> created.awaitOutcome(request.getRequestId(),
                    UserCreated.class).getUserId()).toList();

            Instant due = Instant.now().plus(UNTIL_DUE);
            List<ChangeUserRequest> moves = users.stream().map(user -> Changes.of(user,
                    Changes.move("demo-care.nursing-home", "demo-care.relative")).setEffectiveAt(due).build()).toList();
            for (ChangeUserRequest move : moves) {
                producer.send(new ProducerRecord<>("user-provisioning.user-changes.v1", Changes.key(move), move));
            }
            producer.flush();
            JdbcClient jdbc = infrastructure.jdbc();
            await().atMost(UNTIL_DUE).until(() -> jdbc.sql("select count(*) from processed_request where outcome = 'SCHEDULED'")
                    .query(Long.class).single() == USERS);
            assertThat(Instant.now()).as("all accepted before they fall due; raise UNTIL_DUE").isBefore(due);

            await().atMost(UNTIL_DUE.plusSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() ->
                    jdbc.sql("select count(*) from scheduled_change where state = 'APPLIED'").query(Long.class).single() > 0);
            workers.getFirst().kill();

            await().atMost(Duration.ofMinutes(2)).until(() -> jdbc.sql(
                    "select count(*) from scheduled_change where state = 'PENDING'").query(Long.class).single() == 0);
            assertThat(jdbc.sql("select state, count(*) from scheduled_change group by state")
                    .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list())
                    .containsExactly(Map.entry("APPLIED", (long) USERS));
            assertThat(jdbc.sql("select version, count(*) from app_user group by version")
                    .query((rs, n) -> Map.entry(rs.getLong(1), rs.getLong(2))).list())
                    .containsExactly(Map.entry(2L, (long) USERS));
            List<String> requestIds = moves.stream().map(ChangeUserRequest::getRequestId).toList();
            assertThat(jdbc.sql("""
                            select request_id, count(*) from audit_entry where outcome = 'MOVED'
                            group by request_id""").query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list())
                    .hasSize(USERS).allSatisfy(entry -> assertThat(entry.getValue()).isOne())
                    .extracting(Map.Entry::getKey).containsExactlyInAnyOrderElementsOf(requestIds);

            Map<String, UUID> storedEvents = jdbc.sql("select request_id, event_id from processed_request where outcome = 'CHANGED'")
                    .query((rs, n) -> Map.entry(rs.getString(1), rs.getObject(2, UUID.class))).list().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            for (String requestId : requestIds) {
                assertThat(changed.awaitOutcome(requestId, UserChanged.class).getScheduledFor()).isEqualTo(
                        due.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
                await().atMost(Duration.ofMinutes(1)).until(() -> changed.values(requestId).stream()
                        .anyMatch(event -> ((UserChanged) event).getScheduledFor() == null));
                assertThat(changed.values(requestId).stream().map(event -> (UserChanged) event)
                        .filter(event -> event.getScheduledFor() == null).map(UserChanged::getEventId).distinct())
                        .as("applied outcomes of %s", requestId).containsExactly(storedEvents.get(requestId));
            }
            assertThat(workers.get(1).isAlive()).isTrue();
        }
    }
}
