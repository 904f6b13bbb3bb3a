package dk.care.provisioning.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.testing.OutcomeConsumer;
import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.StandaloneInfrastructure;
import dk.care.provisioning.testing.WorkerProcess;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.ErrorCode;
import dk.care.provisioning.v1.UserCreated;
import dk.care.provisioning.v1.UserCreationFailed;
import dk.care.provisioning.v1.ValidationError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * docs/design.md §5 "crash anywhere, lose nothing": the worker runs as its own JVM and is killed with
 * SIGKILL several times while it works through a few thousand mixed requests. Each kill lands
 * wherever the worker happens to be: in a transaction, between the database commit and the offset
 * commit (offsets are committed per poll batch, so this is the common case), or in the outbox relay
 * between the broker's acknowledgement and marking the rows sent.
 */
@Execution(ExecutionMode.CONCURRENT)
@Tag("crash")
class CrashRecoveryTest {

    private static final Logger log = LoggerFactory.getLogger(CrashRecoveryTest.class);
    private static final int REQUESTS = 3_000;
    private static final int KILLS = 4;
    private static final String PASSWORD = "Vestibule-Marmalade-73";

    private final Random random = new Random();

    @Test
    void killedWorkerEndsWithExactlyOneOutcomePerRequestAndLosesNothing() throws Exception {
        try (var infrastructure = new StandaloneInfrastructure(Path.of("target", "crash-test"));
             OutcomeConsumer outcomes = infrastructure.outcomes()) {
            JdbcClient jdbc = infrastructure.jdbc();
            List<Expected> expected = mixedRequests();
            WorkerProcess worker = infrastructure.startWorker("worker-0", Map.of());
            expected.forEach(request -> infrastructure.send(request.request()));
            infrastructure.flush();

            for (int kill = 1; kill <= KILLS; kill++) {
                int threshold = kill * REQUESTS / (KILLS + 2) + random.nextInt(REQUESTS / (3 * (KILLS + 2)));
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(25))
                        .until(() -> processed(jdbc) >= threshold);
                worker.kill();
                log.info("Kill {}: SIGKILL after {} requests processed", kill, processed(jdbc));
                if (kill == 2) {
                    // A sender retrying after a timeout: the same requests again, identical content.
                    expected.stream().filter(request -> request.index() % 20 == 0)
                            .forEach(request -> infrastructure.send(request.request()));
                    infrastructure.flush();
                }
                worker = infrastructure.startWorker("worker-" + kill, Map.of());
            }

            Set<String> requestIds = expected.stream().map(request -> request.request().getRequestId())
                    .collect(Collectors.toSet());
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() ->
                    processed(jdbc) == REQUESTS && unsent(jdbc) == 0
                            && outcomes.all().stream().map(ConsumerRecord::key).collect(Collectors.toSet())
                            .containsAll(requestIds));
            worker.stop();

            int duplicates = ExactlyOnce.assertFor(requestIds, jdbc, outcomes);
            assertExpectedOutcomes(outcomes, expected);
            log.info("Crash test: {} requests, {} kills, {} outcome records delivered, {} duplicates, 0 lost",
                    REQUESTS, KILLS, outcomes.all().size(), duplicates);
        }
    }

    /** Each request's outcome is the one its content calls for, and one request of each conflicting group won. */
    private static void assertExpectedOutcomes(OutcomeConsumer outcomes, List<Expected> expected) {
        Map<String, Integer> createdPerGroup = new HashMap<>();
        for (Expected request : expected) {
            Object outcome = outcomes.values(request.request().getRequestId()).getFirst();
            if (request.conflictGroup() != null) {
                if (outcome instanceof UserCreated) {
                    createdPerGroup.merge(request.conflictGroup(), 1, Integer::sum);
                } else {
                    assertThat(codes(outcome)).as("outcome of %s", request).containsExactly(request.failure());
                }
            } else if (request.failure() == null) {
                assertThat(outcome).as("outcome of %s", request).isInstanceOf(UserCreated.class);
            } else {
                assertThat(codes(outcome)).as("outcome of %s", request).contains(request.failure());
            }
        }
        Set<String> groups = expected.stream().map(Expected::conflictGroup).filter(group -> group != null)
                .collect(Collectors.toSet());
        assertThat(createdPerGroup).as("users created per conflicting username, CPR or external id")
                .hasSize(groups.size()).allSatisfy((group, created) -> assertThat(created).isEqualTo(1));
    }

    private static List<ErrorCode> codes(Object event) {
        assertThat(event).isInstanceOf(UserCreationFailed.class);
        return ((UserCreationFailed) event).getErrors().stream().map(ValidationError::getCode).toList();
    }

    private static int processed(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from processed_request").query(Integer.class).single();
    }

    private static int unsent(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from outbox_message where sent_at is null").query(Integer.class).single();
    }

    /**
     * Mostly cheap phone self-registrations, some password and MitID users, some invalid requests,
     * and pairs racing for one username, CPR or external id.
     */
    private static List<Expected> mixedRequests() {
        List<Expected> requests = new ArrayList<>(REQUESTS);
        for (int i = 0; requests.size() < REQUESTS; i++) {
            int index = requests.size();
            // Argon2id makes password users ~30 times as costly as the others: few of them keep the test short.
            switch (i % 40) {
                case 0 -> requests.add(new Expected(index, Requests.standard(PASSWORD).build(), null, null));
                case 2, 3 -> requests.add(new Expected(index, Requests.mitId(Requests.uniqueCpr()).build(), null, null));
                case 4, 24 -> requests.add(new Expected(index, Requests.phoneSelfRegistration().setPhone("20123456").build(),
                        ErrorCode.PHONE_MISSING_COUNTRY_CODE, null));
                case 5, 25 -> requests.add(new Expected(index, Requests.phoneSelfRegistration().setOrganisationId("nowhere").build(),
                        ErrorCode.ORGANISATION_NOT_FOUND, null));
                case 1 -> {
                    CreateUserRequest.Builder first = Requests.standard(PASSWORD);
                    addPair(requests, "username", ErrorCode.USERNAME_TAKEN, first,
                            Requests.standard(PASSWORD).setLogin(first.getLogin()));
                }
                case 7, 27 -> {
                    String cpr = Requests.uniqueCpr();
                    addPair(requests, "cpr", ErrorCode.CPR_ALREADY_REGISTERED, Requests.mitId(cpr), Requests.mitId(cpr));
                }
                case 8, 28 -> {
                    String externalId = "HR-" + UUID.randomUUID();
                    addPair(requests, "external id", ErrorCode.DUPLICATE_EXTERNAL_ID,
                            Requests.phoneSelfRegistration().setExternalId(externalId),
                            Requests.phoneSelfRegistration().setExternalId(externalId));
                }
                default -> requests.add(new Expected(index, Requests.phoneSelfRegistration().build(), null, null));
            }
        }
        return requests.subList(0, REQUESTS);
    }

    /** Two requests with different requestIds that want the same unique value: one must win. */
    private static void addPair(List<Expected> requests, String what, ErrorCode failure,
                                CreateUserRequest.Builder one, CreateUserRequest.Builder other) {
        String group = what + " " + UUID.randomUUID();
        requests.add(new Expected(requests.size(), one.build(), failure, group));
        requests.add(new Expected(requests.size(), other.build(), failure, group));
    }

    private record Expected(int index, CreateUserRequest request, ErrorCode failure, String conflictGroup) {

        @Override
        public String toString() {
            return "request " + index + " (" + request.getRequestId() + ")";
        }
    }
}
