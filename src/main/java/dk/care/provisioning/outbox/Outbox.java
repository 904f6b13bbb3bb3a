package dk.care.provisioning.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.JdbcTemplate;
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

    private final JdbcTemplate jdbc;
    private final OutboxRelay relay;
    private final Clock clock;

    Outbox(JdbcTemplate jdbc, OutboxRelay relay, Clock clock) {
        this.jdbc = jdbc;
        this.relay = relay;
        this.clock = clock;
    }

    /** Encodes a generated Avro record for the outbox, without writing anything yet. */
    public static Message encode(String topic, String key, SpecificRecord event) {
        return new Message(topic, key, event.getSchema().getFullName(), AvroPayloads.encode(event));
    }

    /** Appends one generated Avro record. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String topic, String key, SpecificRecord event) {
        appendAll(List.of(encode(topic, key, event)));
    }

    /** Appends messages in one batched statement, in order; the relay publishes them in this order. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now(clock));
        jdbc.batchUpdate("""
                        insert into outbox_message (topic, message_key, event_type, payload, created_at)
                        values (?, ?, ?, ?, ?)""", messages, messages.size(), (statement, message) -> {
                    statement.setString(1, message.topic());
                    statement.setString(2, message.key());
                    statement.setString(3, message.type());
                    statement.setBytes(4, message.payload());
                    statement.setTimestamp(5, now);
                });
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }

    /** One outbox row: the Avro binary body of a record of the named type, for a topic and key. */
    public record Message(String topic, String key, String type, byte[] payload) {
    }
}
