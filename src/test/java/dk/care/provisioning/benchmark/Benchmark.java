package dk.care.provisioning.benchmark;

import dk.care.provisioning.ProvisioningWorkerApplication;
import dk.care.provisioning.config.TopicProperties;
import dk.care.provisioning.dev.EmbeddedKafkaServer;
import dk.care.provisioning.dev.LocalInfrastructure;
import dk.care.provisioning.registry.ConfluentAvroSerializer;
import dk.care.provisioning.registry.LocalSchemaRegistryServer;
import dk.care.provisioning.security.PasswordHasher;
import dk.care.provisioning.security.Secret;
import dk.care.provisioning.testing.Changes;
import dk.care.provisioning.v1.CreateUserRequest;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Runs the worker on the embedded broker and database and measures it against baselines taken on
 * the same broker and database in the same run: a raw Kafka pass-through, a raw JDBC batch insert
 * of the same users, and the Argon2id hash rate on all cores.
 */
final class Benchmark {

    private final BenchmarkSettings settings;
    private final String run = "b" + UUID.randomUUID().toString().substring(0, 6);

    Benchmark(BenchmarkSettings settings) {
        this.settings = settings;
    }

    BenchmarkReport run() throws Exception {
        try (ConfigurableApplicationContext worker = startWorker()) {
            EmbeddedKafkaServer broker = worker.getBean(EmbeddedKafkaServer.class);
            LocalSchemaRegistryServer registry = worker.getBean(LocalSchemaRegistryServer.class);
            DataSource dataSource = worker.getBean(DataSource.class);
            TopicProperties topics = worker.getBean(TopicProperties.class);
            List<ConfigurableApplicationContext> more = new ArrayList<>();
            try {
                for (int i = 1; i < settings.instances(); i++) {
                    more.add(startExtraWorker(broker, registry, dataSource));
                }
                var requests = new BenchmarkRequests(run, settings.mix());
                var report = new BenchmarkReport(settings);
                report.databaseSettings = DrainCosts.databaseSettings(dataSource);
                try (var jdbcBaseline = new JdbcBaseline(dataSource)) {
                    report.jdbcInsertsPerSecond = jdbcBaseline.insertsPerSecond(
                            new BenchmarkRequests(run + "j", settings.mix()).next(settings.requests()), false);
                    report.jdbcEveryRowPerSecond = jdbcBaseline.insertsPerSecond(
                            new BenchmarkRequests(run + "k", settings.mix()).next(settings.requests()), true);
                }
                List<CreateUserRequest> load = requests.next(settings.requests());
                Map<String, Object> clients = clientConfig(broker, registry);
                report.kafkaPassThroughPerSecond = new PassThroughBaseline(clients, settings.partitions())
                        .recordsPerSecond(load);
                List<ConfigurableApplicationContext> workers = new ArrayList<>(more);
                workers.add(worker);
                // Untimed: compiles the hot paths, so that the empty and the seeded drains compare like with like.
                List<CreateUserRequest> warmUp = new BenchmarkRequests(run + "w", settings.mix())
                        .next(Math.max(1, settings.requests() / 10));
                var untimed = new BenchmarkReport(settings);
                drainCreations(workers, clients, topics, run + "w", warmUp, dataSource, untimed);
                drainChanges(workers, clients, topics, run + "v", BenchmarkChanges.targets(dataSource,
                        requestIds(warmUp, changes(warmUp.size()))), dataSource, untimed);
                // After the warm-up, so that the raw hash rate, too, is that of compiled code on a JVM
                // whose compiler has caught up.
                report.argon2HashesPerSecond = argon2Rate(worker.getBean(PasswordHasher.class), settings.argon2Seconds());
                report.oneHash = hashTimes(worker.getBean(PasswordHasher.class), HASHES_TIMED_ALONE);
                // Every timed drain starts from a settled database, the seeded one as much as the empty one.
                BenchmarkSeeder.settle(dataSource);
                var costs = DrainCosts.start(dataSource, broker);
                report.workerPerSecond = drainCreations(workers, clients, topics, run, load, dataSource, report);
                report.drainCosts = costs.perRequest(load.size());
                // Changes of the users just created, after the creations as an HR system's movers and leavers follow its joiners.
                List<BenchmarkChanges.Target> changed = BenchmarkChanges.targets(dataSource,
                        requestIds(load, changes(load.size())));
                BenchmarkSeeder.settle(dataSource);
                var changeCosts = DrainCosts.start(dataSource, broker);
                report.changesPerSecond = drainChanges(workers, clients, topics, run + "u", changed, dataSource, report);
                report.changeCosts = changeCosts.perRequest(changed.size());
                if (settings.seededUsers() > 0) {
                    // The same drain again, now against a database that holds the seeded users.
                    BenchmarkSeeder.seed(dataSource, settings.seededUsers());
                    BenchmarkSeeder.settle(dataSource);
                    try (var jdbcBaseline = new JdbcBaseline(dataSource)) {
                        report.jdbcInsertsPerSecondSeeded = jdbcBaseline.insertsPerSecond(
                                new BenchmarkRequests(run + "m", settings.mix()).next(settings.requests()), false);
                    }
                    BenchmarkSeeder.settle(dataSource);
                    List<CreateUserRequest> seededLoad = new BenchmarkRequests(run + "s", settings.mix())
                            .next(settings.requests());
                    report.workerPerSecondSeeded = drainCreations(workers, clients, topics, run + "s", seededLoad,
                            dataSource, report);
                    // Half of the changes for seeded users, spread over the whole table, half for users just created.
                    int changes = changes(seededLoad.size());
                    List<String> seededIds = new ArrayList<>();
                    for (int i = 0; i < Math.min(changes / 2, settings.seededUsers()); i++) {
                        seededIds.add(BenchmarkSeeder.requestId((int) ((long) i * settings.seededUsers()
                                / Math.min(changes / 2, settings.seededUsers()))));
                    }
                    List<BenchmarkChanges.Target> seededChanged = new ArrayList<>(
                            BenchmarkChanges.targets(dataSource, seededIds));
                    seededChanged.addAll(BenchmarkChanges.targets(dataSource,
                            requestIds(seededLoad, changes - seededIds.size())));
                    BenchmarkSeeder.settle(dataSource);
                    report.changesPerSecondSeeded = drainChanges(workers, clients, topics, run + "t", seededChanged,
                            dataSource, report);
                }
                var fixedRates = new FixedRateLatency(settings, clients, topics, dataSource);
                for (int rate : settings.rates()) {
                    report.latencies.add(fixedRates.measure(run + "r" + rate, rate, settings.rateMix(), 0));
                    if (rate == settings.besideRate() && settings.standardBeside() > 0) {
                        report.latencies.add(fixedRates.measure(run + "q" + rate, rate, settings.rateMix(),
                                settings.standardBeside()));
                    }
                }
                for (int rate : settings.standardRates()) {
                    report.latencies.add(fixedRates.measure(run + "p" + rate, rate, Map.of("standard", 100), 0));
                }
                if (settings.consoleRequests() > 0) {
                    report.console = new ConsolePath(worker, dataSource).measure(run + "c", settings.consoleRequests());
                }
                if (settings.processes() > 0) {
                    report.scaleOut = new ProcessScaleOut(settings, clients, topics, broker, registry)
                            .run(worker, new BenchmarkRequests(run + "y", settings.mix()).next(settings.requests() / 2),
                                    new BenchmarkRequests(run + "x", settings.mix()).next(settings.requests()));
                }
                return report;
            } finally {
                more.forEach(ConfigurableApplicationContext::close);
            }
        }
    }

    private ConfigurableApplicationContext startWorker() {
        return SpringApplication.from(ProvisioningWorkerApplication::main)
                .with(LocalInfrastructure.class)
                .withAdditionalProfiles("local")
                .run(java.util.stream.Stream.concat(java.util.stream.Stream.of(
                        "--provisioning.dev.kafka-port=0", "--provisioning.dev.kafka-controller-port=0",
                        "--provisioning.dev.registry-port=0", "--provisioning.dev.demo=false", "--server.port=0",
                        "--management.server.port=0",
                        "--provisioning.topics.partitions=" + settings.partitions(),
                        // Durable commits as in production, unless told otherwise; commit timestamps
                        // time the hop from a request's decision to its commit.
                        "--provisioning.dev.db-settings[synchronous_commit]=" + (settings.durable() ? "on" : "off"),
                        "--provisioning.dev.db-settings[fsync]=on",
                        "--provisioning.dev.db-settings[track_commit_timestamp]=on",
                        "--logging.level.root=WARN", "--logging.level.kafka=ERROR",
                        "--logging.level.org.apache.kafka=ERROR", "--logging.level.dk.care.provisioning.user=INFO"),
                        settings.workerArgs().stream()).toArray(String[]::new))
                .getApplicationContext();
    }

    /** Another instance in the same consumer group, on the first one's broker, registry and database. */
    private ConfigurableApplicationContext startExtraWorker(EmbeddedKafkaServer broker,
                                                           LocalSchemaRegistryServer registry,
                                                           DataSource dataSource) {
        var hikari = (com.zaxxer.hikari.HikariDataSource) dataSource;
        return SpringApplication.from(ProvisioningWorkerApplication::main)
                .withAdditionalProfiles("local")
                .run(java.util.stream.Stream.concat(java.util.stream.Stream.of(
                        "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                        "--spring.kafka.properties.schema.registry.url=" + registry.url(),
                        "--spring.datasource.url=" + hikari.getJdbcUrl(),
                        "--spring.datasource.username=" + hikari.getUsername(),
                        "--spring.datasource.password=" + (hikari.getPassword() == null ? "" : hikari.getPassword()),
                        "--server.port=0", "--management.server.port=0", "--logging.level.root=WARN"),
                        settings.workerArgs().stream()).toArray(String[]::new))
                .getApplicationContext();
    }

    private static final int HASHES_TIMED_ALONE = 30;

    /** How long one hash takes on one thread with nothing else to do in this JVM, µs per hash. */
    private static Histogram hashTimes(PasswordHasher hasher, int hashes) {
        var times = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        for (int i = 0; i < hashes; i++) {
            long start = System.nanoTime();
            hasher.hash(Secret.of("benchmark passphrase alone " + i));
            times.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
        }
        return times;
    }

    private static double argon2Rate(PasswordHasher hasher, int seconds) throws InterruptedException {
        int threads = Runtime.getRuntime().availableProcessors();
        var hashes = new AtomicLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        hasher.hash(Secret.of("benchmark passphrase " + hashes.get()));
                        hashes.incrementAndGet();
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        return hashes.get() / seconds(System.nanoTime() - start);
    }

    /** How many changes a drain of {@code created} creations is followed by. */
    private int changes(int created) {
        return Math.min(settings.changes(), created);
    }

    private static List<String> requestIds(List<CreateUserRequest> load, int count) {
        return load.subList(0, count).stream().map(CreateUserRequest::getRequestId).toList();
    }

    /** Drains creations keyed by requestId; refusals count as the report's failures. */
    private static double drainCreations(List<ConfigurableApplicationContext> workers, Map<String, Object> clients,
                                         TopicProperties topics, String prefix, List<CreateUserRequest> load,
                                         DataSource dataSource, BenchmarkReport report) throws Exception {
        var backlog = new Backlog("requests", topics.requests(), load.stream()
                .map(request -> new ProducerRecord<String, Object>(topics.requests(), request.getRequestId(), request))
                .toList(), List.of(topics.userCreated(), topics.userCreationFailed()), topics.userCreationFailed());
        Drained drained = drainBacklog(workers, clients, prefix, backlog, dataSource, report);
        report.failures += drained.failures();
        return drained.perSecond();
    }

    /**
     * Drains one change of each target, keyed by the userId as producers key them (the changes'
     * listener is {@code intake.ChangeListener.ID}); refusals count as the report's rejected changes.
     */
    private double drainChanges(List<ConfigurableApplicationContext> workers, Map<String, Object> clients,
                                TopicProperties topics, String prefix, List<BenchmarkChanges.Target> targets,
                                DataSource dataSource, BenchmarkReport report) throws Exception {
        var backlog = new Backlog("changes", topics.userChanges(), new BenchmarkChanges(prefix, settings.changeMix())
                .of(targets).stream()
                .map(change -> new ProducerRecord<String, Object>(topics.userChanges(), Changes.key(change), change))
                .toList(), List.of(topics.userChanged(), topics.userChangeFailed()), topics.userChangeFailed());
        Drained drained = drainBacklog(workers, clients, prefix, backlog, dataSource, report);
        report.changeFailures += drained.failures();
        return drained.perSecond();
    }

    /** Requests for one listener, queued on its topic, and the topics their outcomes (keyed by requestId) arrive on. */
    private record Backlog(String listener, String topic, List<ProducerRecord<String, Object>> records,
                           List<String> outcomeTopics, String failedTopic) {
    }

    /** How fast a backlog was drained, and how many of its requests were refused. */
    private record Drained(double perSecond, long failures) {
    }

    /** Pauses the workers' listener, queues the whole backlog, resumes them and times until the last outcome. */
    private static Drained drainBacklog(List<ConfigurableApplicationContext> workers, Map<String, Object> clients,
                                        String prefix, Backlog backlog, DataSource dataSource,
                                        BenchmarkReport report) throws Exception {
        List<MessageListenerContainer> containers = workers.stream()
                .map(w -> w.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer(backlog.listener()))
                .toList();
        containers.forEach(MessageListenerContainer::pause);
        try (var producer = producer(clients)) {
            backlog.records().forEach(producer::send);
            producer.flush();
        }
        try (var outcomes = new OutcomeCounter(clients, backlog.outcomeTopics(), backlog.failedTopic())) {
            long start = System.nanoTime();
            containers.forEach(MessageListenerContainer::resume);
            var jdbc = new JdbcTemplate(dataSource);
            while (outcomes.count(prefix) < backlog.records().size()) {
                Long unsent = jdbc.queryForObject("select count(*) from outbox_message where sent_at is null",
                        Long.class);
                report.maxOutboxBacklog = Math.max(report.maxOutboxBacklog, unsent == null ? 0 : unsent);
                report.maxHeapBytes = Math.max(report.maxHeapBytes,
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                outcomes.poll(Duration.ofMillis(200));
            }
            return new Drained(backlog.records().size() / seconds(System.nanoTime() - start),
                    outcomes.failures(prefix));
        }
    }

    /**
     * Sends at a fixed rate to one topic and records, per key, when it was sent (requestedAt) and when
     * the first record with that key arrived on the answer topics, in microseconds of the wall clock
     * (which the database's timestamps share). The first {@code warmUp} requests are sent at the same
     * rate but not recorded: the figures are for the steady state, not for the JIT compiler's first
     * encounter with this rate's batch sizes.
     */
    static Arrivals latencyAt(double rate, Map<String, Object> clients, String requestTopic,
                              List<String> answerTopics, List<CreateUserRequest> load, int warmUp) throws Exception {
        var arrivals = new Arrivals(new java.util.concurrent.ConcurrentHashMap<>(), new HashMap<>(),
                new Histogram(TimeUnit.MINUTES.toMicros(5), 3));
        java.util.Set<String> measured = new java.util.HashSet<>();
        load.subList(warmUp, load.size()).forEach(request -> measured.add(request.getRequestId()));
        try (var answers = new OutcomeCounter(clients, answerTopics, "")) {
            answers.onOutcome((key, arrivedMicros) -> {
                Long sent = arrivals.sentMicros().get(key);
                if (sent != null && measured.contains(key)) {
                    arrivals.arrivedMicros().put(key, arrivedMicros);
                    arrivals.endToEnd().recordValue(Math.max(0, arrivedMicros - sent));
                }
            });
            Thread producer = Thread.ofPlatform().start(() -> produce(clients, requestTopic, load,
                    (request, micros) -> arrivals.sentMicros().put(request.getRequestId(), micros), rate));
            while (arrivals.endToEnd().getTotalCount() < measured.size()) {
                answers.poll(Duration.ofMillis(100));
            }
            producer.join();
        }
        return arrivals;
    }

    /** Per requestId, when it was sent and when its answer arrived (µs of the wall clock), and the difference. */
    record Arrivals(Map<String, Long> sentMicros, Map<String, Long> arrivedMicros, Histogram endToEnd) {
    }

    static long wallClockMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    static void produce(Map<String, Object> clients, String topic, List<CreateUserRequest> load,
                        java.util.function.BiConsumer<CreateUserRequest, Long> onSend, double rate) {
        try (var producer = producer(clients)) {
            long start = System.nanoTime();
            for (int i = 0; i < load.size(); i++) {
                if (rate > 0) {
                    // Parks rather than spins: a spinning producer would take one of the two cores
                    // from the worker it measures.
                    long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                CreateUserRequest request = load.get(i);
                if (onSend != null) {
                    long micros = wallClockMicros();
                    request.setRequestedAt(java.time.Instant.ofEpochSecond(0, micros * 1_000));
                    onSend.accept(request, micros);
                }
                producer.send(new ProducerRecord<>(topic, request.getRequestId(), request));
            }
            producer.flush();
        }
    }

    /** The load generator's producer of Avro requests. */
    private static KafkaProducer<String, Object> producer(Map<String, Object> clients) {
        Map<String, Object> config = new HashMap<>(clients);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // A load generator, not a producer under test: an idempotent producer whose request timed out on an
        // overloaded machine was seen retrying one out-of-order sequence for ever. Every request has its own
        // requestId, so a duplicate from a retry is only a replay for the worker.
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(config, new StringSerializer(), serializer(clients));
    }

    static ConfluentAvroSerializer serializer(Map<String, Object> clients) {
        var serializer = new ConfluentAvroSerializer();
        serializer.configure(clients, false);
        return serializer;
    }

    private static Map<String, Object> clientConfig(EmbeddedKafkaServer broker, LocalSchemaRegistryServer registry) {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                "schema.registry.url", registry.url());
    }

    /** An admin client of the benchmark's broker. */
    static Admin admin(Map<String, Object> clients) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                clients.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)));
    }

    static void createTopic(Map<String, Object> clients, String name, int partitions) throws Exception {
        try (Admin admin = admin(clients)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** Counts outcomes by requestId prefix, reading keys only. */
    static final class OutcomeCounter implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final String failedTopic;
        private final Map<String, Boolean> seen = new HashMap<>();
        private java.util.function.ObjLongConsumer<String> listener = (key, nanos) -> { };

        OutcomeCounter(Map<String, Object> clients, List<String> topics, String failedTopic) {
            Map<String, Object> config = new HashMap<>(clients);
            config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-outcomes-" + UUID.randomUUID());
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
            consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(topics);
            this.failedTopic = failedTopic;
        }

        void onOutcome(java.util.function.ObjLongConsumer<String> listener) {
            this.listener = listener;
        }

        void poll(Duration timeout) {
            ConsumerRecords<String, byte[]> records = consumer.poll(timeout);
            long now = wallClockMicros();
            for (ConsumerRecord<String, byte[]> record : records) {
                if (seen.putIfAbsent(record.key(), record.topic().equals(failedTopic)) == null) {
                    listener.accept(record.key(), now);
                }
            }
        }

        long count(String prefix) {
            return seen.keySet().stream().filter(key -> key.startsWith(prefix + "-")).count();
        }

        long failures(String prefix) {
            return seen.entrySet().stream().filter(e -> e.getKey().startsWith(prefix + "-") && e.getValue()).count();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
