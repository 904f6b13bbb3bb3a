package dk.care.provisioning.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.dev.EmbeddedKafkaServer;
import dk.care.provisioning.testing.OutcomeConsumer;
import dk.care.provisioning.testing.StandaloneInfrastructure;
import dk.care.provisioning.testing.WorkerProcess;
import dk.care.provisioning.v1.UserCreated;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Losing an instance must not stop the others: three worker processes
 * share the request partitions under a steady stream of requests; one is killed with SIGKILL and, as an
 * orchestrator would, a replacement is started at once. The survivors must keep publishing outcomes
 * throughout, the killed instance's partitions must move within the group's session timeout, and no
 * request may be lost or provisioned twice.
 *
 * <p>{@code -Dinstance-loss.group-protocol=classic} runs it with the consumer settings shipped before
 * KIP-848 (classic protocol, eager range assignment, 45 s session timeout) to measure those; the
 * bound on the gap then fails.
 */
@Execution(ExecutionMode.CONCURRENT)
@Tag("crash")
class InstanceLossTest {

    private static final Logger log = LoggerFactory.getLogger(InstanceLossTest.class);
    private static final String GROUP = "user-provisioning-worker";
    private static final int REQUESTS_PER_SECOND = 25;
    private static final Duration BEFORE_KILL = Duration.ofSeconds(10);
    private static final Duration SESSION_TIMEOUT = EmbeddedKafkaServer.CONSUMER_SESSION_TIMEOUT;
    private static final Duration LONGEST_GAP_ALLOWED = Duration.ofSeconds(10);
    private static final String GROUP_PROTOCOL = System.getProperty("instance-loss.group-protocol", "consumer");
    // Long enough for the classic protocol's rebalance after its 45 s session timeout to show.
    private static final Duration AFTER_KILL = Duration.ofSeconds("classic".equals(GROUP_PROTOCOL) ? 60 : 30);

    @Test
    void survivorsKeepPublishingWhileAKilledInstanceIsReplacedAndNoRequestIsLostOrProvisionedTwice() throws Exception {
        // The embedded broker's own settings, those recommended for production, not the crash tests' quick fail-over.
        try (var infrastructure = new StandaloneInfrastructure(Path.of("target", "instance-loss-test"), Map.of());
             OutcomeConsumer outcomes = infrastructure.outcomes();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers()))) {
            List<WorkerProcess> workers = infrastructure.startWorkers(List.of("worker-a", "worker-b", "worker-c"),
                    InstanceLossTest::settings);
            // Two consumer threads per instance and six partitions: every instance has work of its own.
            await().atMost(Duration.ofMinutes(1)).until(() -> partitionsByWorker(admin).values().stream()
                    .filter(partitions -> partitions.size() == 2).count() == workers.size());

            SteadyLoad load = SteadyLoad.start(infrastructure, REQUESTS_PER_SECOND);
            await().atMost(Duration.ofMinutes(1)).until(() -> outcomes.all().size() >= REQUESTS_PER_SECOND);
            Thread.sleep(BEFORE_KILL.toMillis());
            WorkerProcess victim = workers.getFirst();
            Set<Integer> victimPartitions = partitionsByWorker(admin).get(victim.name());
            Instant killed = Instant.now();
            victim.kill();
            // Reported, not asserted: how long a JVM takes to start depends on the machine more than on the worker.
            CompletableFuture<Duration> replacementAssigned = CompletableFuture.supplyAsync(() -> {
                WorkerProcess replacement = infrastructure.startWorker("worker-d", settings("worker-d"));
                await().atMost(Duration.ofMinutes(1)).until(() -> !partitionsByWorker(admin)
                        .getOrDefault(replacement.name(), Set.of()).isEmpty());
                return Duration.between(killed, Instant.now());
            });
            Optional<Duration> takenOver = takeOver(admin, victim, victimPartitions, killed.plus(AFTER_KILL))
                    .map(at -> Duration.between(killed, at));
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), killed.plus(AFTER_KILL)).toMillis()));
            List<SteadyLoad.Sent> sent = load.stop();

            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
                    sent.stream().noneMatch(request -> outcomes.values(request.requestId()).isEmpty()));
            var timeline = new OutcomeTimeline(outcomes);
            OutcomeTimeline.Gap gap = timeline.longestGap(killed.minus(BEFORE_KILL));
            Duration victimPause = longestPause(timeline, sent, victimPartitions::contains, killed.minus(BEFORE_KILL));
            Duration othersPause = longestPause(timeline, sent, partition -> !victimPartitions.contains(partition),
                    killed.minus(BEFORE_KILL));
            int redelivered = ExactlyOnce.assertFor(sent.stream().map(SteadyLoad.Sent::requestId).toList(),
                    infrastructure.jdbc(), outcomes);
            log.info("""
                    Instance loss ({} group protocol): {} requests at {}/s, {} killed owning partitions {}, \
                    which the survivors owned {} after the kill; replacement assigned partitions {} after the kill. \
                    Longest gap in outcomes: \
                    {} ms, starting {} ms after the kill. Longest pause of a partition: {} ms on the killed instance's \
                    partitions, {} ms on the others. Outcomes per 5 s from 10 s before the kill: {}. \
                    {} outcome records, {} re-deliveries of the same event, 0 lost.""",
                    GROUP_PROTOCOL, sent.size(), REQUESTS_PER_SECOND, victim.name(), victimPartitions,
                    takenOver.map(duration -> duration.toMillis() + " ms").orElse("not within " + AFTER_KILL.toSeconds() + " s"),
                    replacementAssigned.thenApply(assigned -> assigned.toMillis() + " ms")
                            .exceptionally(failure -> "never (" + failure.getMessage() + ")").getNow("not yet"),
                    gap.length().toMillis(),
                    Duration.between(killed, gap.start()).toMillis(),
                    victimPause.toMillis(), othersPause.toMillis(),
                    timeline.countsPer(Duration.ofSeconds(5), killed.minus(BEFORE_KILL), killed.plus(AFTER_KILL).plusSeconds(10)),
                    outcomes.all().size(), redelivered);

            assertThat(sent.stream().map(request -> outcomes.values(request.requestId()).getFirst()))
                    .allMatch(UserCreated.class::isInstance);
            assertThat(gap.length()).as("longest time without any outcome").isLessThan(LONGEST_GAP_ALLOWED);
            assertThat(takenOver).as("time until the survivors own the killed instance's partitions")
                    .hasValueSatisfying(duration -> assertThat(duration).isLessThan(SESSION_TIMEOUT.plus(LONGEST_GAP_ALLOWED)));
        }
    }

    /** Waits until other workers than {@code victim} own all of {@code partitions}; returns when, or empty at the deadline. */
    private static Optional<Instant> takeOver(Admin admin, WorkerProcess victim, Set<Integer> partitions, Instant deadline)
            throws Exception {
        while (Instant.now().isBefore(deadline)) {
            Set<Integer> ownedByOthers = partitionsByWorker(admin).entrySet().stream()
                    .filter(worker -> !worker.getKey().equals(victim.name()))
                    .flatMap(worker -> worker.getValue().stream()).collect(Collectors.toSet());
            if (ownedByOthers.containsAll(partitions)) {
                return Optional.of(Instant.now());
            }
            Thread.sleep(200);
        }
        return Optional.empty();
    }

    /** The longest time one of the partitions {@code partitions} accepts published no outcome, from {@code from} on. */
    private static Duration longestPause(OutcomeTimeline timeline, List<SteadyLoad.Sent> sent,
                                         Predicate<Integer> partitions, Instant from) {
        return sent.stream().filter(request -> partitions.test(request.partition()))
                .collect(Collectors.groupingBy(SteadyLoad.Sent::partition)).values().stream()
                .map(requests -> timeline.of(requests).longestGap(from).length())
                .max(Duration::compareTo).orElse(Duration.ZERO);
    }

    private static Map<String, String> settings(String name) {
        return Map.of(
                "provisioning.topics.partitions", "6",
                "spring.kafka.listener.concurrency", "2",
                // Consumer client ids are <name>-<thread>, so the group's members name their process.
                "spring.kafka.consumer.client-id", name,
                "spring.kafka.consumer.properties.group.protocol", GROUP_PROTOCOL);
    }

    /** The request partitions each worker process owns now, by process name. */
    private static Map<String, Set<Integer>> partitionsByWorker(Admin admin) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).describedGroups().get(GROUP)
                .get(10, TimeUnit.SECONDS);
        return group.members().stream().collect(Collectors.groupingBy(
                member -> member.clientId().replaceFirst("-\\d+$", ""),
                Collectors.flatMapping(member -> member.assignment().topicPartitions().stream()
                        .filter(partition -> partition.topic().equals(StandaloneInfrastructure.REQUESTS))
                        .map(TopicPartition::partition), Collectors.toSet())));
    }
}
