package dk.care.provisioning.outbox;

import java.time.Clock;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private final JdbcClient jdbc;
    private final OutboxRelay relay;
    private final Clock clock;

    Outbox(JdbcClient jdbc, OutboxRelay relay, Clock clock) {
        this.jdbc = jdbc;
        this.relay = relay;
        this.clock = clock;
    }

    /** Appends a generated Avro record; returns its stored encoding, for later re-publication. */
    @Transactional(propagation = Propagation.MANDATORY)
    public byte[] append(String topic, String key, SpecificRecord event) {
        byte[] payload = AvroPayloads.encode(event);
        appendEncoded(topic, key, event.getSchema().getFullName(), payload);
        return payload;
    }

    /** Appends an event encoded before by {@link #append}, unchanged. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendEncoded(String topic, String key, String type, byte[] payload) {
        jdbc.sql("""
                        insert into outbox_message (topic, message_key, event_type, payload, created_at)
                        values (:topic, :key, :type, :payload, :createdAt)""")
                .param("topic", topic)
                .param("key", key)
                .param("type", type)
                .param("payload", payload)
                .param("createdAt", java.sql.Timestamp.from(Instant.now(clock)))
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }
}
