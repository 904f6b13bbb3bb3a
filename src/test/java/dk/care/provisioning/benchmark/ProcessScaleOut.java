package dk.care.provisioning.benchmark;

import dk.care.provisioning.config.TopicProperties;
import dk.care.provisioning.dev.EmbeddedDatabase;
import dk.care.provisioning.dev.EmbeddedKafkaServer;
import dk.care.provisioning.registry.LocalSchemaRegistryServer;
import dk.care.provisioning.testing.StandaloneInfrastructure;
import dk.care.provisioning.testing.WorkerProcess;
import dk.care.provisioning.v1.CreateUserRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Scale-out as deployed: the in-JVM worker steps aside and separate worker JVMs share the request
 * topic's partitions on the same broker and database. Measures their throughput together, the
 * requests and CPU of each, and what PostgreSQL and this JVM (broker and load generator) used.
 */
final class ProcessScaleOut {

    private static final String GROUP = "user-provisioning-worker";
    /** As the container image runs it: the JVM's own choices (G1, C2), with a heap bound for three on one machine. */
    private static final List<String> JVM = List.of("-Xmx1g");
    private static final Pattern COUNT = Pattern.compile("\"statistic\":\"COUNT\",\"value\":([0-9.E+]+)");

    private final BenchmarkSettings settings;
    private final Map<String, Object> clients;
    private final TopicProperties topics;
    private final EmbeddedKafkaServer broker;
    private final LocalSchemaRegistryServer registry;
    private final HttpClient http = HttpClient.newHttpClient();

    ProcessScaleOut(BenchmarkSettings settings, Map<String, Object> clients, TopicProperties topics,
                    EmbeddedKafkaServer broker, LocalSchemaRegistryServer registry) {
        this.settings = settings;
        this.clients = clients;
        this.topics = topics;
        this.broker = broker;
        this.registry = registry;
    }

    /** Starts the processes, lets them drain {@code warmUp} untimed, then times them draining {@code load}. */
    Result run(ConfigurableApplicationContext worker, List<CreateUserRequest> warmUp, List<CreateUserRequest> load)
            throws Exception {
        stopProcessingIn(worker);
        Map<String, String> properties = StandaloneInfrastructure.workerProperties(broker.bootstrapServers(),
                registry.url(), worker.getBean(EmbeddedDatabase.class), Map.of(
                        "provisioning.topics.partitions", String.valueOf(settings.partitions()),
                        // INFO stays on: the start-up line tells that a worker is up, and each request's line is part of its cost.
                        "logging.level.org.apache.kafka", "WARN"));
        Path logs = Path.of("target", "benchmark-workers");
        List<WorkerProcess> processes = IntStream.rangeClosed(1, settings.processes())
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> WorkerProcess.start("worker-" + i, logs, JVM,
                        properties)))
                .toList().stream().map(CompletableFuture::join).toList();
        try {
            // Each process runs as many consumers as its listener's concurrency.
            awaitAllAssigned(processes.size()
                    * worker.getEnvironment().getProperty("spring.kafka.listener.concurrency", Integer.class, 1));
            // Untimed: the fresh JVMs compile their hot paths before they are measured.
            drain(warmUp);
            List<Long> requestsBefore = processes.stream().map(this::requestsHandled).toList();
            List<Duration> cpuBefore = processes.stream().map(WorkerProcess::cpuTime).toList();
            long postgresBefore = DrainCosts.postgresCpuNanos();
            long jvmBefore = Benchmark.processCpuNanos();
            Drained drained = drain(load);
            List<Instance> instances = new ArrayList<>();
            for (int i = 0; i < processes.size(); i++) {
                WorkerProcess process = processes.get(i);
                instances.add(new Instance(process.name(), requestsHandled(process) - requestsBefore.get(i),
                        process.cpuTime().minus(cpuBefore.get(i)).toNanos() / 1e6));
            }
            double seconds = drained.nanos() / 1e9;
            return new Result(processes.size(), settings.partitions(), load.size() / seconds, instances,
                    (DrainCosts.postgresCpuNanos() - postgresBefore) / 1e9 / seconds,
                    (Benchmark.processCpuNanos() - jvmBefore) / 1e9 / seconds, drained.failures());
        }
        finally {
            processes.forEach(WorkerProcess::close);
        }
    }

    /** Sends the load as fast as it goes and waits for every outcome: how long from the first send, and the rejections. */
    private Drained drain(List<CreateUserRequest> load) throws InterruptedException {
        String first = load.getFirst().getRequestId();
        String prefix = first.substring(0, first.indexOf('-'));
        try (var outcomes = new Benchmark.OutcomeCounter(clients,
                List.of(topics.userCreated(), topics.userCreationFailed()), topics.userCreationFailed())) {
            outcomes.poll(Duration.ofMillis(500));
            long start = System.nanoTime();
            Thread producer = Thread.ofPlatform().start(() -> Benchmark.produce(clients, topics.requests(), load,
                    null, 0));
            while (outcomes.count(prefix) < load.size()) {
                outcomes.poll(Duration.ofMillis(200));
            }
            long nanos = System.nanoTime() - start;
            producer.join();
            return new Drained(nanos, outcomes.failures(prefix));
        }
    }

    private record Drained(long nanos, long failures) {
    }

    /** The in-JVM worker's listener, outbox relay and invitation dispatcher stop; broker, registry and database stay. */
    private static void stopProcessingIn(ConfigurableApplicationContext worker) {
        worker.getBean(KafkaListenerEndpointRegistry.class).stop();
        worker.getBeansOfType(SmartLifecycle.class).values().stream()
                .filter(bean -> bean.getClass().getPackageName().matches("dk\\.care\\.provisioning\\.(outbox|invitation)"))
                .forEach(SmartLifecycle::stop);
    }

    private void awaitAllAssigned(int members) throws Exception {
        try (Admin admin = Benchmark.admin(clients)) {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            ConsumerGroupDescription group = null;
            while (System.nanoTime() < deadline) {
                group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
                // The group also holds the consumers of the change topic: only the request topic's count, and
                // consumers beyond the partitions' number get none.
                var requestPartitions = group.members().stream().map(m -> m.assignment().topicPartitions().stream()
                        .filter(partition -> partition.topic().equals(topics.requests())).count()).toList();
                long assigned = requestPartitions.stream().mapToLong(Long::longValue).sum();
                long requestMembers = requestPartitions.stream().filter(count -> count > 0).count();
                if (requestMembers == Math.min(members, settings.partitions()) && assigned == settings.partitions()) {
                    return;
                }
                Thread.sleep(250);
            }
            throw new IllegalStateException("the workers' " + members + " consumers did not share the "
                    + settings.partitions() + " partitions within 2 minutes: " + group);
        }
    }

    /** The worker's {@code provisioning.requests} counter, over all outcomes. */
    private long requestsHandled(WorkerProcess process) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    process.actuator("/actuator/metrics/provisioning.requests")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return 0; // no request counted yet
            }
            Matcher count = COUNT.matcher(response.body());
            if (!count.find()) {
                throw new IllegalStateException("no count in " + response.body());
            }
            return (long) Double.parseDouble(count.group(1));
        }
        catch (Exception ex) {
            throw new IllegalStateException("metrics of " + process.name() + " unreadable", ex);
        }
    }

    /** One worker process: requests it handled and CPU milliseconds it used meanwhile. */
    record Instance(String name, long requests, double cpuMillis) {
    }

    /** Throughput of the processes together, each one's share, and the cores PostgreSQL and the broker's JVM used. */
    record Result(int processes, int partitions, double perSecond, List<Instance> instances, double postgresCores,
                  double brokerJvmCores, long failures) {
    }
}
