package dk.care.provisioning.intake;

import dk.care.provisioning.lifecycle.ChangeRequest;
import dk.care.provisioning.lifecycle.UserChanges;
import dk.care.provisioning.v1.ChangeUserRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Consumes ChangeUserRequests a poll at a time, in the order of each partition (changes are keyed by
 * the user reference, so one user's changes are in order). The readable records up to the first
 * unreadable one are decided and committed in one transaction; if that fails they are retried one by
 * one, so that a failure names exactly one record, which the error handler retries (transient faults
 * for as long as they last) or sends to the changes' dead-letter topic, while the records before it
 * stay committed. Values arrive as bytes and are read here, so a record that cannot be used reaches
 * the dead-letter topic exactly as it came. Offsets are committed after the outcomes are.
 */
@Component
class ChangeListener {

    static final String ID = "changes";

    private final UserChanges changes;
    private final Deserializer<?> values;

    ChangeListener(UserChanges changes, Deserializer<?> requestValueDeserializer) {
        this.changes = changes;
        this.values = requestValueDeserializer;
    }

    @KafkaListener(id = ID, idIsGroup = false, batch = "true", containerFactory = "changeContainerFactory",
            topics = "${provisioning.topics.user-changes:user-provisioning.user-changes.v1}")
    void onChanges(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        List<ChangeRequest> readable = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                readable.add(toDomain(record));
            } catch (SerializationException | UnusableRequestException unusable) {
                apply(readable, records, consumer);
                throw failedAt(readable.size(), unusable, records, consumer);
            }
        }
        apply(readable, records, consumer);
        commitBefore(records.size(), records, consumer);
    }

    /** Applies the first {@code readable.size()} records, which are all readable. */
    private void apply(List<ChangeRequest> readable, List<ConsumerRecord<String, byte[]>> records,
                       Consumer<?, ?> consumer) {
        if (readable.isEmpty()) {
            return;
        }
        try {
            changes.applyAll(readable);
        } catch (RuntimeException batchFailure) {
            for (int i = 0; i < readable.size(); i++) {
                try {
                    changes.apply(readable.get(i));
                } catch (RuntimeException e) {
                    throw failedAt(i, e, records, consumer);
                }
            }
        }
    }

    /** The error handler's exception for record {@code index}, once the records before it are committed. */
    private static BatchListenerFailedException failedAt(int index, Exception cause,
                                                         List<ConsumerRecord<String, byte[]>> records,
                                                         Consumer<?, ?> consumer) {
        commitBefore(index, records, consumer);
        return new BatchListenerFailedException(cause.getMessage(), cause, records.get(index));
    }

    /** Commits, per partition, the offset after the last of the first {@code count} records. */
    private static void commitBefore(int count, List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records.subList(0, count)) {
            offsets.put(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1));
        }
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
        }
    }

    /** Throws SerializationException (transient when the registry is unreachable) or UnusableRequestException. */
    private ChangeRequest toDomain(ConsumerRecord<String, byte[]> record) {
        Object value = record.value() == null ? null
                : values.deserialize(record.topic(), record.headers(), record.value());
        if (!(value instanceof ChangeUserRequest request)) {
            throw new UnusableRequestException("value is " + (value == null ? "empty" : "a "
                    + value.getClass().getSimpleName()) + ", not a ChangeUserRequest");
        }
        return ChangeMapper.toDomain(request);
    }
}
