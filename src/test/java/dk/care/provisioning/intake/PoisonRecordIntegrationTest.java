package dk.care.provisioning.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.care.provisioning.registry.ConfluentAvroSerializer;
import dk.care.provisioning.testing.Requests;
import dk.care.provisioning.testing.WorkerIntegrationTest;
import dk.care.provisioning.v1.CreateUserRequest;
import dk.care.provisioning.v1.ErrorCode;
import dk.care.provisioning.v1.UserCreated;
import dk.care.provisioning.v1.UserCreationFailed;
import dk.care.provisioning.v1.ValidationError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unreadable records go to the dead-letter topic unchanged, the sender hears of it, and the partition keeps flowing. */
class PoisonRecordIntegrationTest extends WorkerIntegrationTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"random bytes", "wrong magic byte", "unknown schema id", "truncated avro",
            "a different record type", "a different record type again"})
    void sendsUnreadableRecordToDeadLetterTopicAndReportsMalformedMessage(String kind) {
        String requestId = UUID.randomUUID().toString();
        byte[] poison = poison(kind);
        produceRaw(requestId, poison);
        CreateUserRequest next = Requests.phoneSelfRegistration().build();
        send(next);

        UserCreationFailed failed = outcomes().awaitOutcome(requestId, UserCreationFailed.class);
        assertThat(failed.getErrors()).extracting(ValidationError::getCode).containsExactly(ErrorCode.MALFORMED_MESSAGE);
        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(requestId);
        assertThat(dead.value()).isEqualTo(poison);
        assertThat(header(dead, "kafka_dlt-exception-fqcn")).isNotBlank();
        assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(topics.requests());
        assertThat(outcomes().awaitOutcome(next.getRequestId(), UserCreated.class)).isNotNull();
    }

    private byte[] poison(String kind) {
        byte[] valid = validBytes();
        return switch (kind) {
            case "random bytes" -> "definitely not avro".getBytes(StandardCharsets.UTF_8);
            case "wrong magic byte" -> withByte(valid, 0, (byte) 7);
            case "unknown schema id" -> withByte(valid, 1, (byte) 0x7f);
            case "truncated avro" -> Arrays.copyOf(valid, 12);
            // Twice: dead-lettering must not depend on what the dead-letter topic received before.
            case "a different record type", "a different record type again" -> otherRecordBytes();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** Wire-format bytes of a real request, made by the worker's own serializer. */
    private byte[] validBytes() {
        CreateUserRequest request = Requests.phoneSelfRegistration().build();
        try (var serializer = new ConfluentAvroSerializer()) {
            serializer.configure(Map.of("schema.registry.url", registryUrl()), false);
            return serializer.serialize(topics.requests(), request);
        }
    }

    /** A valid record of another type, registered under another topic's subject, as a misrouted producer sends. */
    private byte[] otherRecordBytes() {
        var event = UserCreationFailed.newBuilder().setEventId(UUID.randomUUID()).setRequestId("misrouted")
                .setOccurredAt(Instant.now()).setErrors(List.of()).build();
        try (var serializer = new ConfluentAvroSerializer()) {
            serializer.configure(Map.of("schema.registry.url", registryUrl()), false);
            return serializer.serialize(topics.userCreationFailed(), event);
        }
    }

    private static byte[] withByte(byte[] bytes, int index, byte value) {
        byte[] copy = bytes.clone();
        copy[index] = value;
        return copy;
    }

    private void produceRaw(String key, byte[] value) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.requests(), key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private final Map<String, ConsumerRecord<String, byte[]>> deadLetters = new ConcurrentHashMap<>();

    private ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topics.deadLetter()));
            return await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> deadLetters.put(record.key(), record));
                return deadLetters.get(key);
            }, record -> record != null);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
