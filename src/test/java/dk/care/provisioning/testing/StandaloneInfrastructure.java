package dk.care.provisioning.testing;

import dk.care.provisioning.dev.EmbeddedDatabase;
import dk.care.provisioning.dev.EmbeddedKafkaServer;
import dk.care.provisioning.registry.ConfluentAvroSerializer;
import dk.care.provisioning.registry.LocalSchemaRegistryServer;
import dk.care.provisioning.v1.CreateUserRequest;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Broker, PostgreSQL and schema registry started by a test itself, for workers that run as separate
 * processes ({@link WorkerProcess}). The workers use the local profile's demo data and keys, with
 * secrets in plaintext: these tests are about delivery, not about secrets.
 */
public final class StandaloneInfrastructure implements AutoCloseable {

    public static final String REQUESTS = "user-provisioning.requests.v1";
    public static final String USER_CREATED = "user-provisioning.user-created.v1";
    public static final String USER_CREATION_FAILED = "user-provisioning.user-creation-failed.v1";
    public static final String DEAD_LETTER = "user-provisioning.requests.v1.DLT";

    private final EmbeddedKafkaServer broker;
    private final EmbeddedDatabase database;
    private final LocalSchemaRegistryServer registry;
    private final KafkaProducer<String, Object> producer;
    private final Path logDir;
    private final List<WorkerProcess> workers = new CopyOnWriteArrayList<>();

    /**
     * A killed instance's partitions move once the broker stops hearing from it: here after 6 s (1 s
     * heartbeats), so that crash tests do not wait out the broker's default of 45 s.
     */
    public static final Map<String, String> QUICK_FAILOVER = Map.of(
            "group.consumer.session.timeout.ms", "6000",
            "group.consumer.min.session.timeout.ms", "6000",
            "group.consumer.heartbeat.interval.ms", "1000",
            "group.consumer.min.heartbeat.interval.ms", "1000");

    /** Worker settings that only make outage tests quicker: short back-offs and database connection timeout. */
    public static final Map<String, String> QUICK_RETRIES = Map.of(
            "provisioning.intake.max-backoff", "2s",
            "provisioning.outbox.max-backoff", "2s",
            "spring.datasource.hikari.connection-timeout", "2000");

    public StandaloneInfrastructure(Path logDir) {
        this(logDir, QUICK_FAILOVER);
    }

    /** With these broker settings (e.g. the consumer group session timeout). */
    public StandaloneInfrastructure(Path logDir, Map<String, String> brokerProperties) {
        this.logDir = logDir;
        var brokerBuilder = EmbeddedKafkaServer.builder().port(0).controllerPort(0);
        brokerProperties.forEach(brokerBuilder::brokerProperty);
        this.broker = brokerBuilder.start();
        this.database = EmbeddedDatabase.start();
        this.registry = new LocalSchemaRegistryServer("localhost", 0).start();
        this.producer = requestProducer(broker.bootstrapServers(), registry.url());
    }

    /** A producer of requests as any producer writes them: Avro values in Confluent's wire format, acks=all. */
    public static KafkaProducer<String, Object> requestProducer(String bootstrapServers, String registryUrl) {
        var serializer = new ConfluentAvroSerializer();
        serializer.configure(Map.of("schema.registry.url", registryUrl), false);
        return new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), serializer);
    }

    /** Properties of a worker process on this infrastructure; {@code overrides} are added last. */
    public Map<String, String> workerProperties(Map<String, String> overrides) {
        return workerProperties(broker.bootstrapServers(), registry.url(), database, overrides);
    }

    /**
     * Properties of a worker process on this broker, registry and database, with the local profile's
     * demo data and keys; {@code overrides} are added last.
     */
    public static Map<String, String> workerProperties(String bootstrapServers, String registryUrl,
                                                       EmbeddedDatabase database, Map<String, String> overrides) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.config.additional-location", "file:" + localProfileFile());
        properties.put("spring.flyway.locations", "classpath:db/migration,classpath:db/demo");
        properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
        properties.put("spring.kafka.properties.schema.registry.url", registryUrl);
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.username());
        properties.put("spring.datasource.password", database.password());
        properties.put("spring.main.banner-mode", "off");
        properties.putAll(overrides);
        return properties;
    }

    public WorkerProcess startWorker(String name, Map<String, String> overrides) {
        WorkerProcess worker = WorkerProcess.start(name, logDir, workerProperties(overrides));
        workers.add(worker);
        return worker;
    }

    /** Starts the named workers side by side, each with its own overrides, and waits until all are up. */
    public List<WorkerProcess> startWorkers(List<String> names, Function<String, Map<String, String>> overrides) {
        return names.stream()
                .map(name -> CompletableFuture.supplyAsync(() -> startWorker(name, overrides.apply(name))))
                .toList().stream().map(CompletableFuture::join).toList();
    }

    /** Sends a request keyed by its requestId, without waiting for the acknowledgement. */
    public Future<RecordMetadata> send(CreateUserRequest request) {
        return producer.send(new ProducerRecord<>(REQUESTS, request.getRequestId(), request));
    }

    public void flush() {
        producer.flush();
    }

    public OutcomeConsumer outcomes() {
        return new OutcomeConsumer(broker.bootstrapServers(), registry.url(), List.of(USER_CREATED, USER_CREATION_FAILED));
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(database.dataSource());
    }

    public EmbeddedDatabase database() {
        return database;
    }

    public LocalSchemaRegistryServer registry() {
        return registry;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public EmbeddedKafkaServer broker() {
        return broker;
    }

    private static Path localProfileFile() {
        try {
            return Path.of(Objects.requireNonNull(StandaloneInfrastructure.class.getResource("/application-local.yml")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        workers.forEach(WorkerProcess::close);
        producer.close();
        registry.close();
        database.close();
        broker.close();
    }
}
