package dk.care.provisioning.intake;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * Commits the request consumers' offsets itself (the container's ack mode is manual, and nothing is
 * acknowledged to it): after each poll's provisioning, when a consumer is idle (so that a password
 * written after the last poll is committed without waiting for the next record), and when partitions
 * are revoked, which waits for their passwords in flight first, so that a rebalance or a graceful
 * shutdown hands over no record twice. Every call is on the consumer's own thread.
 */
@Component
class RequestOffsets implements ConsumerAwareRebalanceListener {

    private final Map<Consumer<?, ?>, OffsetLedger> ledgers = new ConcurrentHashMap<>();

    OffsetLedger of(Consumer<?, ?> consumer) {
        return ledgers.computeIfAbsent(consumer, c -> new OffsetLedger());
    }

    void commit(Consumer<?, ?> consumer) {
        OffsetLedger ledger = ledgers.get(consumer);
        if (ledger == null) {
            return;
        }
        var offsets = ledger.toCommit();
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
            ledger.committed(offsets);
        }
    }

    @EventListener(condition = "event.listenerId.startsWith('" + RequestListener.ID + "-')")
    void onIdle(ListenerContainerIdleEvent event) {
        commit(event.getConsumer());
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        OffsetLedger ledger = ledgers.get(consumer);
        if (ledger == null) {
            return;
        }
        ledger.settledIn(partitions).exceptionally(failure -> null).join();
        commit(consumer);
        ledger.forget(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        OffsetLedger ledger = ledgers.get(consumer);
        if (ledger != null) {
            ledger.forget(partitions);
        }
    }
}
