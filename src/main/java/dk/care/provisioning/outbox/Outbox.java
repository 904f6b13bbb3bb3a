package dk.care.provisioning.outbox;

import dk.care.provisioning.jdbc.BulkInsert;
import dk.care.provisioning.jdbc.BulkInserts;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends events to the transactional outbox. Must run inside the business transaction, so that
 * the event exists exactly when the rows it describes do.
 */
@Component
public class Outbox {

    private final BulkInserts bulk;
    private final OutboxRelay relay;
    private final Clock clock;

    Outbox(BulkInserts bulk, OutboxRelay relay, Clock clock) {
        this.bulk = bulk;
        this.relay = relay;
        this.clock = clock;
    }

    /** Encodes a generated Avro record for the outbox, without writing anything yet. */
    public static Message encode(String topic, String key, SpecificRecord event) {
        return new Message(topic, key, event.getSchema().getFullName(), AvroPayloads.encode(event));
    }

    /**
     * A tombstone: the key without a value, which removes the key from a compacted topic once the
     * broker compacts it. {@code type} names the records the topic otherwise holds.
     */
    public static Message tombstone(String topic, String key, Class<? extends SpecificRecord> type) {
        return new Message(topic, key, type.getName(), null);
    }

    /** Appends one generated Avro record. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String topic, String key, SpecificRecord event) {
        append(List.of(encode(topic, key, event)));
    }

    /**
     * Appends these messages in the caller's transaction, to be published in the order given; the
     * relay is woken when that transaction commits.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(List<Message> messages) {
        Instant now = Instant.now(clock);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
        bulk.add(BulkInsert.into("outbox_message", messages)
                .column("topic", "text", Message::topic)
                .column("message_key", "text", Message::key)
                .column("event_type", "text", Message::type)
                .bytes("payload", Message::payload)
                .instant("created_at", message -> now)
                .build());
    }

    /**
     * One outbox row: the Avro binary body of a record of the named type, for a topic and key; no
     * body for a tombstone.
     */
    public record Message(String topic, String key, String type, byte @Nullable [] payload) {
    }
}
