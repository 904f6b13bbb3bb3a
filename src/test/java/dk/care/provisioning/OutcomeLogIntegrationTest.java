package dk.care.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.testing.CapturedLogs;
import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.UserCreated;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The log says what happened: a "Created user" line is written once the user's transaction
 * committed, never for an attempt that rolled back. A trigger makes the first inserts of this
 * test's users fail with a serialization failure (a transient fault, so the worker retries); a
 * sequence counts the attempts because it is not rolled back with them.
 */
class OutcomeLogIntegrationTest extends WorkerIntegrationTest {

    private static final Pattern CREATED = Pattern.compile("Created user (\\S+) \\(\\w+\\) for request (\\S+)");
    private static final String PREFIX = "log-test-";

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Test
    void logsCreatedUsersOnlyAfterTheirBatchCommitted() {
        failFirstInserts(1);
        try (CapturedLogs logs = CapturedLogs.start()) {
            assertEveryCreatedLineNamesTheCommittedUserOnce(logs, sendInOnePoll(3));
        }
    }

    @Test
    void logsCreatedUsersOnlyAfterTheirOneByOneRetryCommitted() {
        // The batch fails, then the first request's retry on its own fails too; the worker retries it later.
        failFirstInserts(2);
        try (CapturedLogs logs = CapturedLogs.start()) {
            assertEveryCreatedLineNamesTheCommittedUserOnce(logs, sendInOnePoll(3));
        }
    }

    @AfterEach
    void removeFault() {
        jdbc.sql("drop trigger if exists log_test_fault on app_user").update();
        jdbc.sql("drop function if exists log_test_fault()").update();
        jdbc.sql("drop sequence if exists log_test_attempts").update();
    }

    private void failFirstInserts(int failures) {
        jdbc.sql("create sequence log_test_attempts").update();
        jdbc.sql("""
                create function log_test_fault() returns trigger language plpgsql as $$
                begin
                    if nextval('log_test_attempts') <= %d then
                        raise exception 'injected fault' using errcode = '40001';
                    end if;
                    return new;
                end $$""".formatted(failures)).update();
        jdbc.sql("""
                create trigger log_test_fault before insert on app_user for each row
                when (new.request_id like '%s%%') execute function log_test_fault()""".formatted(PREFIX)).update();
    }

    private List<CreateUserRequest> sendInOnePoll(int count) {
        List<CreateUserRequest> requests = IntStream.range(0, count)
                .mapToObj(i -> Requests.phoneSelfRegistration().setRequestId(PREFIX + UUID.randomUUID()).build())
                .toList();
        MessageListenerContainer container = listeners.getListenerContainer("requests");
        container.pause();
        await().until(container::isContainerPaused);
        try {
            requests.forEach(request -> kafka.send(
                    new ProducerRecord<>(topics.requests(), 0, request.getRequestId(), request)).join());
        } finally {
            container.resume();
        }
        return requests;
    }

    private void assertEveryCreatedLineNamesTheCommittedUserOnce(CapturedLogs logs, List<CreateUserRequest> requests) {
        for (CreateUserRequest request : requests) {
            UserCreated created = outcomes().awaitOutcome(request.getRequestId(), UserCreated.class);
            UUID stored = jdbc.sql("select id from app_user where request_id = ?").param(request.getRequestId())
                    .query(UUID.class).single();
            assertThat(created.getUserId()).isEqualTo(stored);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(createdLines(logs, request.getRequestId()))
                            .as("Created lines for %s", request.getRequestId())
                            .containsExactly(stored.toString()));
        }
    }

    /** The user ids of the "Created user" lines that name this request. */
    private static List<String> createdLines(CapturedLogs logs, String requestId) {
        return logs.events().stream().map(CREATED::matcher).filter(Matcher::find)
                .filter(matcher -> matcher.group(2).equals(requestId)).map(matcher -> matcher.group(1)).toList();
    }
}
