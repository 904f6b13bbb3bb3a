package dk.care.provisioning.importer;

import dk.care.provisioning.user.ErrorCode;
import dk.care.provisioning.user.Violation;
import dk.care.provisioning.v1.UserChangeFailed;
import dk.care.provisioning.v1.UserChanged;
import dk.care.provisioning.v1.UserCreated;
import dk.care.provisioning.v1.UserCreationFailed;
import dk.care.provisioning.v1.ValidationError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the outcome topics (of creations, and in a sync of changes too) from their ends as they were before the first request was published, so
 * every outcome of this run is seen (a re-sent request's replayed outcome too) and nothing older is.
 * Partitions are assigned, not subscribed: no consumer group is created or joined.
 */
final class OutcomeReader implements AutoCloseable {

    private final KafkaConsumer<String, Object> consumer;
    private final Ledger ledger;
    private @Nullable Thread poller;
    private volatile boolean running = true;
    private volatile @Nullable RuntimeException failure;

    private OutcomeReader(KafkaConsumer<String, Object> consumer, Ledger ledger) {
        this.consumer = consumer;
        this.ledger = ledger;
    }

    /** Positions at the current ends of both topics; fails if a topic does not exist. */
    static OutcomeReader atEnd(Map<String, Object> config, List<String> topics, Ledger ledger) throws BadInputException {
        var consumer = new KafkaConsumer<String, Object>(config);
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic);
                if (infos == null || infos.isEmpty()) {
                    throw new BadInputException("the outcome topic " + topic + " does not exist; is the worker "
                            + "running against this cluster (spring.kafka.bootstrap-servers)?");
                }
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            // seekToEnd is lazy; asking for the positions fixes them now, before anything is published.
            partitions.forEach(consumer::position);
            return new OutcomeReader(consumer, ledger);
        } catch (KafkaException e) {
            consumer.close();
            throw new BadInputException("cannot read the outcome topics " + topics + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (BadInputException | RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    void start() {
        poller = Thread.ofPlatform().name("importer-outcomes").daemon().start(this::poll);
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
                    switch (record.value()) {
                        case UserCreated created -> ledger.answer(record.key(), created.getUserId().toString(), List.of());
                        case UserCreationFailed failed -> ledger.answer(record.key(), null, errors(failed.getErrors()));
                        case UserChanged changed -> ledger.answer(record.key(), changed.getUserId().toString(), List.of(),
                                changed.getScheduledFor() == null ? Ledger.State.CHANGED : Ledger.State.SCHEDULED);
                        case UserChangeFailed failed -> ledger.answer(record.key(),
                                failed.getUserId() == null ? null : failed.getUserId().toString(),
                                errors(failed.getErrors()), Ledger.State.CHANGED);
                        case null, default -> { }
                    }
                }
            }
        } catch (WakeupException closing) {
            // close() was called
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close();
        }
    }

    private static List<Violation> errors(List<ValidationError> errors) {
        return errors.stream()
                .map(error -> new Violation(ErrorCode.valueOf(error.getCode().name()), error.getField(),
                        error.getMessage()))
                .toList();
    }

    /** Why reading stopped before it was closed, or null. */
    @Nullable RuntimeException failure() {
        return failure;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (poller == null) {
            consumer.close();
            return;
        }
        consumer.wakeup();
        poller.join(10_000);
    }
}
