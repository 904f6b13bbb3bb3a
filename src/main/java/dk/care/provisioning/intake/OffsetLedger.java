package dk.care.provisioning.intake;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What one request consumer may commit, per partition: the offset after the last record it handed
 * over, but never past a record whose outcome is not yet committed (a password still being hashed),
 * so that a crash redelivers that record, and idempotency turns the records after it that are
 * redelivered with it into re-publications of their stored outcomes. Records are handed over on the
 * consumer's thread; their outcomes settle on any thread.
 */
final class OffsetLedger {

    private final Map<TopicPartition, TreeMap<Long, CompletableFuture<?>>> unsettled = new HashMap<>();
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    /** {@code record} is provisioned; its outcome is committed when {@code settled} completes. */
    synchronized void handedOver(ConsumerRecord<?, ?> record, CompletableFuture<?> settled) {
        var partition = new TopicPartition(record.topic(), record.partition());
        next.merge(partition, record.offset() + 1, Math::max);
        if (!settled.isDone() || settled.isCompletedExceptionally()) {
            unsettled.computeIfAbsent(partition, p -> new TreeMap<>()).put(record.offset(), settled);
            // A failed outcome never settles: its offset stays uncommitted, so that the record comes again.
            settled.thenRun(() -> settle(partition, record.offset()));
        }
    }

    private synchronized void settle(TopicPartition partition, long offset) {
        var offsets = unsettled.get(partition);
        if (offsets != null) {
            offsets.remove(offset);
        }
    }

    /** The offsets to commit now: those that moved since the last commit. */
    synchronized Map<TopicPartition, OffsetAndMetadata> toCommit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        next.forEach((partition, after) -> {
            var waiting = unsettled.get(partition);
            long offset = waiting == null || waiting.isEmpty() ? after : waiting.firstKey();
            if (!Objects.equals(committed.get(partition), offset)) {
                offsets.put(partition, new OffsetAndMetadata(offset));
            }
        });
        return offsets;
    }

    synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
    }

    /** Completes once every record handed over so far in {@code partitions} has its outcome committed. */
    synchronized CompletableFuture<Void> settledIn(Collection<TopicPartition> partitions) {
        return CompletableFuture.allOf(partitions.stream().map(unsettled::get).filter(Objects::nonNull)
                .flatMap(offsets -> offsets.values().stream()).toArray(CompletableFuture<?>[]::new));
    }

    /** Partitions this consumer no longer owns, or whose offsets the error handler commits and seeks. */
    synchronized void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> {
            unsettled.remove(partition);
            next.remove(partition);
            committed.remove(partition);
        });
    }
}
