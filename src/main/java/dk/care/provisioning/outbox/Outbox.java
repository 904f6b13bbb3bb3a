package dk.care.provisioning.outbox;

import dk.care.provisioning.jdbc.BulkInsert;
import dk.care.provisioning.jdbc.BulkInserts;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
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
    private final JdbcClient jdbc;
    private final OutboxRelay relay;
    private final Clock clock;

    Outbox(BulkInserts bulk, JdbcClient jdbc, OutboxRelay relay, Clock clock) {
        this.bulk = bulk;
        this.jdbc = jdbc;
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
     * Takes the named fields out of every row under these keys, in the caller's transaction: a sent
     * row is deleted (its event is out, the row only waits for the purge), an unsent one rewritten
     * with the fields emptied, so that every event still goes out once and in order, without them.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void forget(Collection<String> keys, Set<String> fields) {
        record Row(long id, boolean sent, String type, byte @Nullable [] payload) {
        }
        // Locked first, all of them: a row the relay is publishing is waited for and then seen as it
        // left it (sent or not), so none slips between deleting the sent rows and rewriting the rest.
        List<Row> rows = jdbc.sql("""
                        select id, sent_at is not null, event_type, payload from outbox_message
                        where message_key = any(:keys) for update""")
                .param("keys", new SqlArrayValue("text", keys.toArray()))
                .query((rs, n) -> new Row(rs.getLong(1), rs.getBoolean(2), rs.getString(3), rs.getBytes(4)))
                .list();
        List<Long> sent = rows.stream().filter(Row::sent).map(Row::id).toList();
        if (!sent.isEmpty()) {
            jdbc.sql("delete from outbox_message where id = any(:ids)")
                    .param("ids", new SqlArrayValue("int8", sent.toArray()))
                    .update();
        }
        List<Row> unsent = rows.stream().filter(row -> !row.sent() && row.payload() != null).toList();
        if (unsent.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update outbox_message m set payload = u.payload
                        from unnest(:ids, :payloads) u (id, payload) where m.id = u.id""")
                .param("ids", new SqlArrayValue("int8", unsent.stream().map(Row::id).toArray()))
                .param("payloads", new SqlArrayValue("bytea", unsent.stream()
                        .map(row -> without(row.type(), Objects.requireNonNull(row.payload()), fields))
                        .toArray(byte[][]::new)))
                .update();
    }

    /**
     * A payload of {@link #encode} rewritten with the named top-level fields emptied: null where its
     * schema allows, else the empty string.
     */
    public static byte[] without(String type, byte[] payload, Set<String> fields) {
        return AvroPayloads.without(type, payload, fields);
    }

    /**
     * One outbox row: the Avro binary body of a record of the named type, for a topic and key; no
     * body for a tombstone.
     */
    public record Message(String topic, String key, String type, byte @Nullable [] payload) {
    }
}
