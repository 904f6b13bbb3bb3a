package dk.care.provisioning.console;

import dk.care.provisioning.registry.ConfluentAvroDeserializer;
import dk.care.provisioning.v1.CreateUserRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The request topic read from its end at creation, so a test sees only what it published, not the
 * thousands of records (poison ones too) that earlier tests of the shared context left there.
 */
final class RequestTopic implements AutoCloseable {

    private final KafkaConsumer<String, Object> consumer;
    private final Map<String, Object> seen = new HashMap<>();

    RequestTopic(String bootstrapServers, String registryUrl, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ConfluentAvroDeserializer.class,
                "schema.registry.url", registryUrl, "specific.avro.reader", true));
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** The request published under this requestId since the reader was created. */
    CreateUserRequest await(String requestId) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (seen.get(requestId) instanceof CreateUserRequest request) {
                    return request;
                }
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(500))) {
                    seen.put(record.key(), record.value());
                }
            } catch (RecordDeserializationException unreadable) {
                consumer.seek(unreadable.topicPartition(), unreadable.offset() + 1);
            }
        }
        throw new AssertionError("request " + requestId + " is not on the request topic");
    }

    @Override
    public void close() {
        consumer.close();
    }
}
