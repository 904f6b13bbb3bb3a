package dk.care.provisioning.testing;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dk.care.provisioning.ProvisioningWorkerApplication;
import dk.care.provisioning.config.TopicProperties;
import dk.care.provisioning.dev.EmbeddedKafkaServer;
import dk.care.provisioning.dev.LocalInfrastructure;
import dk.care.provisioning.registry.LocalSchemaRegistryServer;
import dk.care.provisioning.security.JweTestSupport;
import dk.care.provisioning.v1.CreateUserRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the end-to-end tests: the worker as deployed, on the embedded default's real KRaft broker,
 * real PostgreSQL and real HTTP schema registry, on free ports. Secrets must arrive as JWE here,
 * as in production; tests encrypt with {@link #encrypted(String)}. All subclasses share one context.
 */
@SpringBootTest(classes = ProvisioningWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "provisioning.dev.kafka-port=0",
        "provisioning.dev.kafka-controller-port=0",
        "provisioning.dev.registry-port=0",
        "management.server.port=0",
        "provisioning.security.allow-plaintext-secrets=false"})
@ActiveProfiles("local")
@Import(LocalInfrastructure.class)
public abstract class WorkerIntegrationTest {

    private static final RSAKey WORKER_KEY = JweTestSupport.rsaKey("worker-test-1");
    private static OutcomeConsumer outcomes;
    private static OutcomeConsumer users;

    @Autowired
    protected KafkaTemplate<Object, Object> kafka;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected TopicProperties topics;

    @Autowired
    private EmbeddedKafkaServer broker;

    @Autowired
    private LocalSchemaRegistryServer registry;

    @DynamicPropertySource
    static void workerKeys(DynamicPropertyRegistry properties) {
        properties.add("provisioning.security.jwe.key-set-path", () -> keySetFile().toString());
    }

    private static Path keySetFile() {
        try {
            Path file = Files.createTempFile("worker-keys", ".json");
            file.toFile().deleteOnExit();
            return JweTestSupport.writeKeySet(new JWKSet(WORKER_KEY), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A secret as an HR system sends it: JWE encrypted to the worker's public key. */
    protected static String encrypted(String plaintext) {
        return JweTestSupport.encrypt(plaintext, WORKER_KEY.toPublicJWK());
    }

    /** The worker's public JWE key, as an HR system is given it. */
    protected static RSAKey workerPublicKey() {
        return WORKER_KEY.toPublicJWK();
    }

    protected void send(CreateUserRequest request) {
        kafka.send(topics.requests(), request.getRequestId(), request).join();
    }

    /** Everything published on the outcome topics since the first test, decoded with the project's deserializer. */
    protected synchronized OutcomeConsumer outcomes() {
        if (outcomes == null) {
            outcomes = new OutcomeConsumer(broker.bootstrapServers(), registry.url(),
                    List.of(topics.userCreated(), topics.userCreationFailed()));
        }
        return outcomes;
    }

    /** Everything published on the compacted users topic since the first test of the class, tombstones included. */
    protected synchronized OutcomeConsumer usersTopic() {
        if (users == null) {
            users = new OutcomeConsumer(broker.bootstrapServers(), registry.url(), List.of(topics.users()));
        }
        return users;
    }

    /** Values of every outcome consumed so far, for assertions over a whole test class. */
    protected static List<Object> outcomesSoFar() {
        return outcomes == null ? List.of() : outcomes.all().stream().map(record -> record.value()).toList();
    }

    protected String bootstrapServers() {
        return broker.bootstrapServers();
    }

    protected String registryUrl() {
        return registry.url();
    }

    /** The end offset of every partition of {@code topic}: what a test compares to see that nothing was sent. */
    protected Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            return admin.listOffsets(partitions.stream().collect(Collectors.toMap(partition -> partition,
                            partition -> OffsetSpec.latest()))).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        }
    }

    @AfterAll
    static void closeOutcomes() throws InterruptedException {
        if (outcomes != null) {
            outcomes.close();
            outcomes = null;
        }
        if (users != null) {
            users.close();
            users = null;
        }
    }
}
