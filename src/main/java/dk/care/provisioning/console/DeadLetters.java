package dk.care.provisioning.console;

import dk.care.provisioning.audit.AuditEntry;
import dk.care.provisioning.audit.AuditOutcome;
import dk.care.provisioning.audit.AuditTrail;
import dk.care.provisioning.config.TopicProperties;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The dead-letter topic for operators: its latest records, read by assignment (no consumer group, so
 * nothing is committed and the worker's group is untouched), and their replay — the original key and
 * bytes re-published to the request topic, at most once per dead letter: the replay is claimed and
 * audited in the database before anything is published, and released if publishing fails.
 */
@Component
class DeadLetters {

    /** The header a replayed record carries: where in the dead-letter topic it came from. */
    static final String REPLAYED_FROM = "provisioning-replayed-from";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final Duration READ_TIME = Duration.ofSeconds(3);
    private static final int MAX_HEADER_TEXT = 500;

    private final ConsumerFactory<?, ?> consumers;
    private final KafkaTemplate<Object, Object> raw;
    private final TopicProperties topics;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final TransactionOperations transactions;
    private final ConsoleProperties properties;
    private final Clock clock;

    DeadLetters(ConsumerFactory<?, ?> consumers, KafkaTemplate<Object, Object> template, TopicProperties topics,
                JdbcClient jdbc, AuditTrail audit, TransactionOperations transactions, ConsoleProperties properties,
                Clock clock) {
        this.consumers = consumers;
        // The original bytes, unchanged: whatever made them unreadable is for the worker to judge again.
        this.raw = new KafkaTemplate<>(template.getProducerFactory().copyWithConfigurationOverride(Map.of(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
        this.topics = topics;
        this.jdbc = jdbc;
        this.audit = audit;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** The newest dead letters, at most {@code provisioning.console.dead-letters}, newest first. */
    List<DeadLetter> latest() {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topics.deadLetter(), READ_TIME).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIME);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, READ_TIME);
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, Math.max(begins.get(partition), ends.get(partition) - properties.deadLetters()));
            }
            Instant deadline = Instant.now().plus(READ_TIME);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        Map<String, DeadLetter.Replay> replays = replays();
        return records.stream()
                .sorted(Comparator.comparingLong((ConsumerRecord<String, byte[]> r) -> r.timestamp()).reversed())
                .limit(properties.deadLetters())
                .map(record -> new DeadLetter(record.partition(), record.offset(),
                        Instant.ofEpochMilli(record.timestamp()), record.key(),
                        record.value() == null ? 0 : record.value().length, headers(record.headers()),
                        replays.get(record.partition() + "@" + record.offset())))
                .toList();
    }

    /**
     * Re-publishes the dead letter at this partition and offset to the request topic, on behalf of
     * {@code person}; at most once per dead letter.
     */
    Replayed replay(int partition, long offset, String person) {
        Optional<ConsumerRecord<String, byte[]>> found = record(partition, offset);
        if (found.isEmpty()) {
            return Replayed.NOT_FOUND;
        }
        ConsumerRecord<String, byte[]> record = found.get();
        String where = topics.deadLetter() + "-" + partition + "@" + offset;
        Boolean claimed = transactions.execute(status -> {
            int inserted = jdbc.sql("""
                            insert into dead_letter_replay (topic, partition, record_offset, replayed_at, replayed_by)
                            values (:topic, :partition, :offset, :at, :by) on conflict do nothing""")
                    .param("topic", topics.deadLetter()).param("partition", partition).param("offset", offset)
                    .param("at", Timestamp.from(Instant.now(clock))).param("by", person)
                    .update();
            if (inserted == 1) {
                auditReplay(record, person, AuditOutcome.DEAD_LETTER_REPLAYED);
            }
            return inserted == 1;
        });
        if (!Boolean.TRUE.equals(claimed)) {
            return Replayed.ALREADY_REPLAYED;
        }
        var replay = new ProducerRecord<Object, Object>(topics.requests(), null, record.key(), record.value());
        replay.headers().add(REPLAYED_FROM, where.getBytes(StandardCharsets.UTF_8));
        try {
            raw.send(replay).get(properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Replay of dead letter {} for {} failed: {}; released for another attempt", where, person,
                    e.getClass().getSimpleName());
            transactions.executeWithoutResult(status -> {
                jdbc.sql("delete from dead_letter_replay where topic = :topic and partition = :partition "
                                + "and record_offset = :offset")
                        .param("topic", topics.deadLetter()).param("partition", partition).param("offset", offset)
                        .update();
                auditReplay(record, person, AuditOutcome.DEAD_LETTER_REPLAY_FAILED);
            });
            return Replayed.FAILED;
        }
        log.info("Dead letter {} (key {}) replayed to {} by {}", where, record.key(), topics.requests(), person);
        return Replayed.DONE;
    }

    private void auditReplay(ConsumerRecord<String, byte[]> record, String person, AuditOutcome outcome) {
        audit.record(new AuditEntry(Instant.now(clock), record.key() == null ? "" : record.key(),
                properties.source(), person, null, outcome, null, null));
    }

    private Optional<ConsumerRecord<String, byte[]>> record(int partition, long offset) {
        var topicPartition = new TopicPartition(topics.deadLetter(), partition);
        try (var consumer = consumer()) {
            if (consumer.partitionsFor(topics.deadLetter(), READ_TIME).stream().noneMatch(p -> p.partition() == partition)) {
                return Optional.empty();
            }
            consumer.assign(List.of(topicPartition));
            consumer.seek(topicPartition, offset);
            Instant deadline = Instant.now().plus(READ_TIME);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        return Optional.of(record);
                    }
                    return Optional.empty();
                }
            }
            return Optional.empty();
        }
    }

    private Map<String, DeadLetter.Replay> replays() {
        Map<String, DeadLetter.Replay> replays = new HashMap<>();
        jdbc.sql("select partition, record_offset, replayed_at, replayed_by from dead_letter_replay where topic = :topic")
                .param("topic", topics.deadLetter())
                .query(rs -> {
                    replays.put(rs.getInt(1) + "@" + rs.getLong(2),
                            new DeadLetter.Replay(rs.getTimestamp(3).toInstant(), rs.getString(4)));
                });
        return replays;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(consumers.getConfigurationProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove("group.protocol");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "console-dead-letters");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<DeadLetter.Header> headers(Headers headers) {
        List<DeadLetter.Header> shown = new ArrayList<>();
        headers.forEach(header -> shown.add(new DeadLetter.Header(header.key(), text(header.key(), header.value()))));
        return shown;
    }

    /** Spring Kafka writes the original partition as a 4-byte and the offset as an 8-byte big-endian number. */
    private static String text(String name, byte @Nullable [] value) {
        if (value == null) {
            return "";
        }
        if (KafkaHeaders.DLT_ORIGINAL_PARTITION.equals(name) && value.length == Integer.BYTES) {
            return Integer.toString(ByteBuffer.wrap(value).getInt());
        }
        if ((KafkaHeaders.DLT_ORIGINAL_OFFSET.equals(name) || KafkaHeaders.DLT_ORIGINAL_TIMESTAMP.equals(name))
                && value.length == Long.BYTES) {
            long number = ByteBuffer.wrap(value).getLong();
            return KafkaHeaders.DLT_ORIGINAL_TIMESTAMP.equals(name) ? Instant.ofEpochMilli(number).toString()
                    : Long.toString(number);
        }
        String text = new String(value, StandardCharsets.UTF_8);
        return text.length() > MAX_HEADER_TEXT ? text.substring(0, MAX_HEADER_TEXT) + "…" : text;
    }

    /** What a replay came to. */
    enum Replayed { DONE, ALREADY_REPLAYED, NOT_FOUND, FAILED }
}
