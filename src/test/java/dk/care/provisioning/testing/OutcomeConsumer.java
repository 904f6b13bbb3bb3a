package dk.care.provisioning.testing;

import static org.awaitility.Awaitility.await;

import dk.care.provisioning.registry.ConfluentAvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the outcome topics from the beginning in the background, decoding values with the
 * project's own deserializer as any downstream consumer would, and indexes them by key. {@link #fromEnd}
 * reads any topic from its end instead.
 */
public final class OutcomeConsumer implements AutoCloseable {

    private final KafkaConsumer<String, Object> consumer;
    private final Map<String, List<ConsumerRecord<String, Object>>> byKey = new ConcurrentHashMap<>();
    private final List<ConsumerRecord<String, Object>> all = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    public OutcomeConsumer(String bootstrapServers, String registryUrl, Collection<String> topics) {
        this(bootstrapServers, registryUrl, consumer -> consumer.subscribe(topics));
    }

    /**
     * Reads {@code topic} from where it ends now, so a test sees only what it published, not the thousands of
     * records (poison ones too) that earlier tests on the same broker left there.
     */
    public static OutcomeConsumer fromEnd(String bootstrapServers, String registryUrl, String topic) {
        return new OutcomeConsumer(bootstrapServers, registryUrl, consumer -> {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            // Resolved now, not at the first poll: what is published from here on is read.
            partitions.forEach(consumer::position);
        });
    }

    private OutcomeConsumer(String bootstrapServers, String registryUrl,
                            Consumer<KafkaConsumer<String, Object>> startingPosition) {
        var config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "outcome-consumer-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ConfluentAvroDeserializer.class);
        config.put("schema.registry.url", registryUrl);
        config.put("specific.avro.reader", true);
        consumer = new KafkaConsumer<>(config);
        startingPosition.accept(consumer);
        poller = Thread.ofPlatform().name("outcome-consumer").daemon().start(this::poll);
    }

    private void poll() {
        try {
            while (running) {
                try {
                    for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(100))) {
                        all.add(record);
                        byKey.computeIfAbsent(record.key(), key -> new CopyOnWriteArrayList<>()).add(record);
                    }
                } catch (RecordDeserializationException unreadable) {
                    // A poison record on the request topic: passed over, as the worker passes it on.
                    consumer.seek(unreadable.topicPartition(), unreadable.offset() + 1);
                }
            }
        } catch (WakeupException ignored) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** Waits for the first outcome published under {@code key} and returns its value. */
    public <T extends SpecificRecord> T awaitOutcome(String key, Class<T> type) {
        return type.cast(await().atMost(Duration.ofSeconds(30)).until(() -> first(key), value -> value != null));
    }

    private Object first(String key) {
        List<ConsumerRecord<String, Object>> records = byKey.get(key);
        return records == null || records.isEmpty() ? null : records.getFirst().value();
    }

    /** Every record received under {@code key} so far. */
    public List<Object> values(String key) {
        return byKey.getOrDefault(key, List.of()).stream().map(ConsumerRecord::value).toList();
    }

    /** Every record received so far, in arrival order. */
    public List<ConsumerRecord<String, Object>> all() {
        return new ArrayList<>(all);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        poller.join(5_000);
    }
}
