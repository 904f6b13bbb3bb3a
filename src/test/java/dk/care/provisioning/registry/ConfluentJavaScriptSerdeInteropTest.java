package dk.care.provisioning.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dk.care.provisioning.testing.AvroJson;
import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.UserCreated;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/design.md §2 "a record written by either side must be readable by the other", against Confluent's own
 * code: Confluent's official JavaScript Schema Registry client and Avro serde ({@code @confluentinc/schemaregistry},
 * driven by {@code src/test/node/confluent-serde}) writes CreateUserRequests through the registry the worker
 * uses, the worker provisions them, and the same client reads the UserCreated outcomes. Confluent's Java
 * artefacts are not served to the build machine; its npm package is. Skipped, saying so, without Node.js.
 */
class ConfluentJavaScriptSerdeInteropTest extends WorkerIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(ConfluentJavaScriptSerdeInteropTest.class);
    private static final Path SERDE = Path.of("src", "test", "node", "confluent-serde");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "Vestibule-Marmalade-73";

    @Autowired
    private LocalSchemaRegistryServer registry;

    @BeforeAll
    static void installConfluentsClient() {
        assumeThat(works("node", "--version"))
                .as("Node.js is not installed: the interop test with Confluent's JavaScript serde is skipped")
                .isTrue();
        if (!Files.isDirectory(SERDE.resolve("node_modules").resolve("@confluentinc"))) {
            assumeThat(works("npm", "--version"))
                    .as("npm is not installed: cannot install Confluent's JavaScript serde; the interop test is skipped")
                    .isTrue();
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), List.of(), Duration.ofMinutes(5));
        }
    }

    @Test
    void confluentsJavaScriptSerdeWritesRequestsTheWorkerProvisionsAndReadsTheirOutcomes() throws Exception {
        List<CreateUserRequest> requests = List.of(
                Requests.phoneSelfRegistration().build(),
                Requests.standard(encrypted(PASSWORD)).build(),
                Requests.mitId(encrypted(Requests.uniqueCpr())).build());
        Path schema = Files.writeString(Files.createTempFile("create-user-request", ".avsc"),
                CreateUserRequest.getClassSchema().toString());
        schema.toFile().deleteOnExit();

        int callsBefore = registry.requests().size();
        List<String> written = run(List.of("node", "serde.mjs", "serialize", registryUrl(), topics.requests(),
                schema.toAbsolutePath().toString()), requests.stream().map(AvroJson::of).toList(), Duration.ofMinutes(2));
        List<String> confluentCalls = callsSince(callsBefore, topics.requests());

        callsBefore = registry.requests().size();
        List<byte[]> projectBytes = serializeWithThisProject(requests);
        List<String> projectCalls = callsSince(callsBefore, topics.requests());
        for (int i = 0; i < requests.size(); i++) {
            assertThat(Base64.getDecoder().decode(written.get(i)))
                    .as("Confluent's bytes for request %d, compared with this project's serializer", i)
                    .isEqualTo(projectBytes.get(i));
        }

        sendRaw(requests, written);
        List<ConsumerRecord<String, byte[]>> created = rawOutcomes(requests);
        callsBefore = registry.requests().size();
        List<String> read = run(List.of("node", "serde.mjs", "deserialize", registryUrl(), topics.userCreated()),
                created.stream().map(record -> Base64.getEncoder().encodeToString(record.value())).toList(),
                Duration.ofMinutes(2));
        List<String> confluentReadCalls = callsSince(callsBefore, topics.userCreated());
        callsBefore = registry.requests().size();
        deserializeWithThisProject(created);
        List<String> projectReadCalls = callsSince(callsBefore, topics.userCreated());
        for (int i = 0; i < requests.size(); i++) {
            UserCreated outcome = outcomes().awaitOutcome(requests.get(i).getRequestId(), UserCreated.class);
            assertThat(JSON.readTree(read.get(i))).as("UserCreated as Confluent's deserializer reads it")
                    .isEqualTo(JSON.readTree(AvroJson.of(outcome)));
        }
        log.info("Confluent's JavaScript serializer wrote the same bytes as this project's for {} requests. "
                + "Registry calls to serialize them: Confluent's {}; this project's {}. "
                + "To deserialize the outcomes: Confluent's {}; this project's {}",
                requests.size(), confluentCalls, projectCalls, confluentReadCalls, projectReadCalls);
    }

    /** The registry calls about {@code topic} since the first {@code before}; the worker uses the registry meanwhile too. */
    private List<String> callsSince(int before, String topic) {
        List<String> calls = registry.requests();
        return calls.subList(before, calls.size()).stream()
                .filter(call -> call.contains(topic) || call.contains("/schemas/ids/")).toList();
    }

    private List<byte[]> serializeWithThisProject(List<CreateUserRequest> requests) {
        try (var serializer = new ConfluentAvroSerializer()) {
            serializer.configure(Map.of(ConfluentAvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl()), false);
            return requests.stream().map(request -> serializer.serialize(topics.requests(), request)).toList();
        }
    }

    private void deserializeWithThisProject(List<ConsumerRecord<String, byte[]>> records) {
        try (var deserializer = new ConfluentAvroDeserializer()) {
            deserializer.configure(Map.of(ConfluentAvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl()), false);
            records.forEach(record -> deserializer.deserialize(record.topic(), record.value()));
        }
    }

    private void sendRaw(List<CreateUserRequest> requests, List<String> values) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < requests.size(); i++) {
                producer.send(new ProducerRecord<>(topics.requests(), requests.get(i).getRequestId(),
                        Base64.getDecoder().decode(values.get(i)))).get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The UserCreated records of these requests as they are on the topic, in the order of the requests. */
    private List<ConsumerRecord<String, byte[]>> rawOutcomes(List<CreateUserRequest> requests) {
        Map<String, ConsumerRecord<String, byte[]>> byKey = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topics.userCreated()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (requests.stream().anyMatch(request -> !byKey.containsKey(request.getRequestId()))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> byKey.putIfAbsent(record.key(), record));
            }
        }
        return requests.stream().map(request -> byKey.get(request.getRequestId())).toList();
    }

    private static boolean works(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs a command in the serde's directory with one line of input per element; returns its output lines. */
    private static List<String> run(List<String> command, List<String> input, Duration timeout) {
        try {
            Path errors = Files.createTempFile("confluent-serde", ".log");
            errors.toFile().deleteOnExit();
            Process process = new ProcessBuilder(command).directory(SERDE.toFile())
                    .redirectError(errors.toFile()).start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(String.join("\n", input).concat("\n").getBytes(StandardCharsets.UTF_8));
            }
            List<String> output = new ArrayList<>(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines().toList());
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(errors));
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
