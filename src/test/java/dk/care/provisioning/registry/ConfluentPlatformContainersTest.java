package dk.care.provisioning.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.ProvisioningWorkerApplication;
import dk.care.provisioning.config.TopicProperties;
import dk.care.provisioning.testing.AvroJson;
import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.v1.CreateUserRequest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker against Confluent's own images, those of docker-compose.yml: {@code apache/kafka},
 * {@code confluentinc/cp-schema-registry} and {@code postgres}. It covers what no other test can: this
 * project's registry client and serde against Confluent's real Schema Registry, and a request written by
 * Confluent's own serializer ({@code kafka-avro-console-producer} in the registry's image) that the worker
 * provisions, with the outcome read by Confluent's deserializer ({@code kafka-avro-console-consumer}).
 * Needs Docker; skipped without it.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = ProvisioningWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("local")
class ConfluentPlatformContainersTest {

    private static final String KAFKA_IN_NETWORK = "kafka:19092";
    private static final String REGISTRY_IN_CONTAINER = "http://localhost:8081";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Network NETWORK = Network.newNetwork();

    @Container
    @ServiceConnection
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0")
            .withNetwork(NETWORK)
            .withListener(KAFKA_IN_NETWORK);

    @Container
    static final GenericContainer<?> REGISTRY = new GenericContainer<>("confluentinc/cp-schema-registry:8.0.0")
            .withNetwork(NETWORK)
            .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
            .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
            .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://" + KAFKA_IN_NETWORK)
            .withExposedPorts(8081)
            .dependsOn(KAFKA)
            .waitingFor(Wait.forHttp("/subjects").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(2)));

    @Container
    @ServiceConnection
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:17");

    @Autowired
    private TopicProperties topics;

    @DynamicPropertySource
    static void registry(DynamicPropertyRegistry properties) {
        properties.add("spring.kafka.properties.schema.registry.url", ConfluentPlatformContainersTest::registryUrl);
    }

    private static String registryUrl() {
        return "http://" + REGISTRY.getHost() + ":" + REGISTRY.getMappedPort(8081);
    }

    /** A client without cached answers, so that every assertion is answered by the registry. */
    private static SchemaRegistryClient freshClient() {
        return SchemaRegistryClients.create(Map.of(ConfluentAvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl()));
    }

    @Test
    void registryClientRegistersLooksUpAndChecksCompatibilityAgainstConfluentsRegistry() {
        SchemaRegistryClient client = freshClient();
        String subject = "greetings-" + UUID.randomUUID() + "-value";

        int v1 = client.register(subject, TestSchemas.GREETING_V1);

        assertThat(freshClient().register(subject, TestSchemas.GREETING_V1)).as("registering again").isEqualTo(v1);
        assertThat(freshClient().getId(subject, TestSchemas.GREETING_V1)).isEqualTo(v1);
        assertThat(freshClient().getSchemaById(v1)).isEqualTo(TestSchemas.GREETING_V1);
        assertThat(client.testCompatibility(subject, TestSchemas.GREETING_V2)).isTrue();
        assertThat(client.testCompatibility(subject, TestSchemas.GREETING_INCOMPATIBLE)).isFalse();
        int v2 = client.register(subject, TestSchemas.GREETING_V2);
        assertThat(client.getLatestSchemaMetadata(subject))
                .isEqualTo(new SchemaMetadata(subject, v2, 2, TestSchemas.GREETING_V2));
        assertThatThrownBy(() -> client.register(subject, TestSchemas.GREETING_INCOMPATIBLE))
                .isInstanceOf(IncompatibleSchemaException.class);
        assertThatThrownBy(() -> freshClient().getId(subject, TestSchemas.GREETING_INCOMPATIBLE))
                .isInstanceOf(SchemaNotFoundException.class);
        assertThatThrownBy(() -> client.getLatestSchemaMetadata("no-such-subject-value"))
                .isInstanceOf(SchemaNotFoundException.class);
        assertThatThrownBy(() -> freshClient().getSchemaById(Integer.MAX_VALUE))
                .isInstanceOf(SchemaNotFoundException.class);
    }

    @Test
    void serdeWritesTheIdConfluentsRegistryAssignedAndReadsItsOwnRecordBack() {
        String topic = "round-trip-" + UUID.randomUUID();
        CreateUserRequest request = Requests.phoneSelfRegistration()
                .setRequestedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).build();
        Map<String, Object> config = Map.of(ConfluentAvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl(),
                ConfluentAvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        try (var serializer = new ConfluentAvroSerializer(); var deserializer = new ConfluentAvroDeserializer()) {
            serializer.configure(config, false);
            deserializer.configure(config, false);

            byte[] bytes = serializer.serialize(topic, request);

            SchemaMetadata registered = freshClient().getLatestSchemaMetadata(topic + "-value");
            assertThat(registered.schema()).isEqualTo(CreateUserRequest.getClassSchema());
            assertThat(bytes[0]).as("magic byte").isZero();
            assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).as("schema id").isEqualTo(registered.id());
            assertThat(deserializer.deserialize(topic, bytes)).isEqualTo(request);
        }
    }

    @Test
    void provisionsARequestFromConfluentsConsoleProducerAndConfluentsConsoleConsumerReadsTheOutcome() throws Exception {
        CreateUserRequest request = Requests.phoneSelfRegistration().build();
        REGISTRY.copyFileToContainer(Transferable.of(CreateUserRequest.getClassSchema().toString()),
                "/tmp/create-user-request.avsc");
        REGISTRY.copyFileToContainer(Transferable.of(request.getRequestId() + "|" + AvroJson.of(request) + "\n"),
                "/tmp/requests.txt");

        ExecResult produced = REGISTRY.execInContainer("bash", "-c", "kafka-avro-console-producer"
                + " --bootstrap-server " + KAFKA_IN_NETWORK + " --topic " + topics.requests()
                + " --property schema.registry.url=" + REGISTRY_IN_CONTAINER
                + " --property value.schema.file=/tmp/create-user-request.avsc"
                + " --property parse.key=true --property 'key.separator=|'"
                + " --property key.serializer=org.apache.kafka.common.serialization.StringSerializer"
                + " < /tmp/requests.txt");
        assertThat(produced.getExitCode()).as(produced.getStderr()).isZero();

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            ExecResult consumed = REGISTRY.execInContainer("kafka-avro-console-consumer",
                    "--bootstrap-server", KAFKA_IN_NETWORK, "--topic", topics.userCreated(), "--from-beginning",
                    "--timeout-ms", "10000",
                    "--property", "schema.registry.url=" + REGISTRY_IN_CONTAINER,
                    "--property", "print.key=true", "--property", "key.separator=|",
                    "--property", "key.deserializer=org.apache.kafka.common.serialization.StringDeserializer");
            String line = consumed.getStdout().lines().filter(candidate -> candidate.startsWith(request.getRequestId() + "|"))
                    .findFirst().orElseThrow(() -> new AssertionError("No UserCreated yet: " + consumed.getStderr()));
            JsonNode created = JSON.readTree(line.substring(line.indexOf('|') + 1));
            assertThat(created.get("requestId").asString()).isEqualTo(request.getRequestId());
            assertThat(created.get("loginMethod").asString()).isEqualTo("PHONE_SELF_REGISTRATION");
            assertThat(created.get("status").asString()).isEqualTo("PENDING_SELF_REGISTRATION");
        });
    }
}
