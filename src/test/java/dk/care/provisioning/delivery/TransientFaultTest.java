package dk.care.provisioning.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.testing.OutcomeConsumer;
import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.StandaloneInfrastructure;
import dk.care.provisioning.testing.WorkerProcess;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.UserCreated;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * docs/design.md §5 "transient faults wait, they do not fail": with the database stopped or the registry
 * unreachable the worker (a separate process) holds its position, publishes nothing, and completes
 * every pending request once the dependency is back.
 */
@Execution(ExecutionMode.CONCURRENT)
class TransientFaultTest {

    private static final Duration OUTAGE = Duration.ofSeconds(15);
    // The defaults behave the same, slower.
    private static final Map<String, String> QUICK_RETRIES = StandaloneInfrastructure.QUICK_RETRIES;

    private static StandaloneInfrastructure infrastructure;
    private static OutcomeConsumer outcomes;
    private static WorkerProcess worker;
    private static Admin admin;

    @BeforeAll
    static void startWorker() {
        infrastructure = new StandaloneInfrastructure(Path.of("target", "transient-fault-test"));
        worker = infrastructure.startWorker("worker-0", QUICK_RETRIES);
        outcomes = infrastructure.outcomes();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers()));
        awaitCreated(send(3));
    }

    @AfterAll
    static void stopAll() throws InterruptedException {
        admin.close();
        outcomes.close();
        infrastructure.close();
    }

    // One outage after the other, on the one worker: the class runs beside others, its methods do not.
    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void waitsOutADatabaseOutageWithoutConsumingOrFailingAndThenCompletesEveryRequest() throws Exception {
        long committedBefore = committedOffsets();
        infrastructure.database().stop();
        List<CreateUserRequest> pending;
        try {
            pending = send(10);
            assertNothingHappensFor(OUTAGE, pending, committedBefore);
        } finally {
            infrastructure.database().restart();
        }
        awaitCreated(pending);
        assertThat(deadLetters()).isZero();
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void waitsOutARegistryOutageOfAFreshlyStartedWorkerAndThenCompletesEveryRequest() throws Exception {
        // A running worker has the schemas cached; a restarted one must ask the registry for them.
        worker.kill();
        long committedBefore = committedOffsets();
        infrastructure.registry().simulateOutage(true);
        List<CreateUserRequest> pending;
        try {
            pending = send(10);
            worker = infrastructure.startWorker("worker-after-registry-outage", QUICK_RETRIES);
            assertNothingHappensFor(OUTAGE, pending, committedBefore);
        } finally {
            infrastructure.registry().simulateOutage(false);
        }
        awaitCreated(pending);
        assertThat(deadLetters()).isZero();
    }

    private static void assertNothingHappensFor(Duration outage, List<CreateUserRequest> pending, long committedBefore)
            throws Exception {
        await().during(outage).atMost(outage.plusSeconds(10)).until(() ->
                worker.isAlive() && pending.stream().allMatch(request -> outcomes.values(request.getRequestId()).isEmpty()));
        assertThat(committedOffsets()).as("committed offsets during the outage").isEqualTo(committedBefore);
    }

    private static List<CreateUserRequest> send(int count) {
        List<CreateUserRequest> requests = IntStream.range(0, count)
                .mapToObj(i -> i == 0 ? Requests.mitId(Requests.uniqueCpr()).build() : Requests.phoneSelfRegistration().build())
                .toList();
        requests.forEach(infrastructure::send);
        infrastructure.flush();
        return requests;
    }

    /** Every request ends in a UserCreated: no UserCreationFailed was published for the outage. */
    private static void awaitCreated(List<CreateUserRequest> requests) {
        await().atMost(Duration.ofMinutes(2)).until(() ->
                requests.stream().noneMatch(request -> outcomes.values(request.getRequestId()).isEmpty()));
        for (CreateUserRequest request : requests) {
            assertThat(outcomes.values(request.getRequestId())).as("outcomes of %s", request.getRequestId())
                    .isNotEmpty().allMatch(UserCreated.class::isInstance);
        }
    }

    private static long committedOffsets() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("user-provisioning-worker")
                .partitionsToOffsetAndMetadata().get();
        return offsets.values().stream().filter(offset -> offset != null).mapToLong(OffsetAndMetadata::offset).sum();
    }

    private static long deadLetters() throws Exception {
        var partitions = admin.describeTopics(List.of(StandaloneInfrastructure.DEAD_LETTER)).allTopicNames().get()
                .get(StandaloneInfrastructure.DEAD_LETTER).partitions().stream()
                .map(info -> new TopicPartition(StandaloneInfrastructure.DEAD_LETTER, info.partition()))
                .toList();
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all().get().values().stream().mapToLong(info -> info.offset()).sum();
    }
}
