package dk.care.provisioning.outbox;

import dk.care.provisioning.polling.PollingLoop;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox to Kafka at least once. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}
 * so every instance can relay at the same time, and each is marked sent in the same transaction
 * once the broker acknowledged it; a crash before that commit re-sends the batch, which consumers
 * see as duplicates of the same eventId. A row that can never be published is set aside
 * ({@link SendFailures}), so that it neither stops the rows behind it nor makes the rows before it
 * go out again and again.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<Object, Object> kafka;
    private final OutboxProperties properties;
    private final Clock clock;
    private final PollingLoop loop;
    private Instant nextPurge = Instant.MIN;

    OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<Object, Object> kafka,
                OutboxProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
        this.loop = new PollingLoop("outbox-relay", "Outbox relay", log, properties.pollInterval(),
                properties.maxBackoff(), this::relayRound);
    }

    void wakeUp() {
        loop.wakeUp();
    }

    /**
     * Publishes one batch of unsent rows and settles each row by what became of it: acknowledged
     * rows are marked sent, rows that can never be published are set aside with the reason, and
     * the rest (not acknowledged in time, or refused for a reason that may pass) stay unsent for
     * the next batch. So no acknowledged row is sent twice by this relay, and no row holds up the
     * rows behind it.
     */
    Relayed relayBatch() {
        Relayed relayed = transactions.execute(status -> {
            List<Row> rows = jdbc.sql("""
                            select id, topic, message_key, event_type, payload from outbox_message
                            where sent_at is null and set_aside_at is null
                            order by id limit :limit for update skip locked""")
                    .param("limit", properties.batchSize())
                    .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBytes(5)))
                    .list();
            if (rows.isEmpty()) {
                return Relayed.NOTHING;
            }
            List<CompletableFuture<?>> acks = sendAll(rows);
            kafka.flush();
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .exceptionally(failed -> null)
                    .completeOnTimeout(null, properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .join();
            return settle(rows, acks);
        });
        return relayed == null ? Relayed.NOTHING : relayed;
    }

    /**
     * Sends every row in order. A send that fails at once for a reason that may pass (typically no
     * broker metadata within max.block.ms) ends the attempt: the rows after it would only wait for
     * the same thing, one at a time.
     */
    private List<CompletableFuture<?>> sendAll(List<Row> rows) {
        List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
        Throwable halted = null;
        for (Row row : rows) {
            CompletableFuture<?> ack = halted == null ? send(row) : CompletableFuture.failedFuture(halted);
            if (halted == null && ack.isCompletedExceptionally() && !SendFailures.isPermanent(ack.exceptionNow())) {
                halted = ack.exceptionNow();
            }
            acks.add(ack);
        }
        return acks;
    }

    private CompletableFuture<?> send(Row row) {
        try {
            return kafka.send(row.topic(), row.key(), decode(row));
        } catch (RuntimeException refused) {
            // The producer throws what it finds before sending, e.g. a value its serializer refuses.
            return CompletableFuture.failedFuture(refused);
        }
    }

    /** The record to send, or null for a tombstone, which the serializer sends as a null value. */
    private static @Nullable SpecificRecord decode(Row row) {
        if (row.payload() == null) {
            return null;
        }
        try {
            return AvroPayloads.decode(row.type(), row.payload());
        } catch (RuntimeException unreadable) {
            throw new SerializationException("Outbox row " + row.id() + " cannot be decoded as " + row.type(),
                    unreadable);
        }
    }

    private Relayed settle(List<Row> rows, List<CompletableFuture<?>> acks) {
        List<Long> sent = new ArrayList<>(rows.size());
        int setAside = 0;
        Throwable retrying = null;
        int retries = 0;
        for (int i = 0; i < rows.size(); i++) {
            CompletableFuture<?> ack = acks.get(i);
            if (ack.isDone() && !ack.isCompletedExceptionally()) {
                sent.add(rows.get(i).id());
                continue;
            }
            Throwable failure = ack.isDone() ? ack.exceptionNow()
                    : new TimeoutException("not acknowledged within " + properties.sendTimeout());
            if (SendFailures.isPermanent(failure)) {
                setAside(rows.get(i), failure);
                setAside++;
            } else {
                retrying = retrying == null ? failure : retrying;
                retries++;
            }
        }
        if (!sent.isEmpty()) {
            jdbc.sql("update outbox_message set sent_at = :now where id in (:ids)")
                    .param("now", Timestamp.from(Instant.now(clock)))
                    .param("ids", sent)
                    .update();
        }
        return new Relayed(rows.size(), sent.size(), setAside, retries, retrying);
    }

    private void setAside(Row row, Throwable failure) {
        String reason = SendFailures.describe(failure);
        jdbc.sql("update outbox_message set set_aside_at = :now, set_aside_reason = :reason where id = :id")
                .param("now", Timestamp.from(Instant.now(clock)))
                .param("reason", reason)
                .param("id", row.id())
                .update();
        // Never the key: rows from before keys were bounded may hold a whole refused request id.
        log.error("Outbox row {} ({} for {}) set aside, it can never be published: {}", row.id(), row.type(),
                row.topic(), reason);
    }

    private void purgeSent() {
        jdbc.sql("delete from outbox_message where sent_at < :cutoff")
                .param("cutoff", Timestamp.from(Instant.now(clock).minus(properties.retention())))
                .update();
    }

    /** A batch, and once an hour the purge of sent rows; a batch that published nothing backs off. */
    private PollingLoop.Next relayRound() {
        Relayed relayed = relayBatch();
        if (relayed.stalled()) {
            return PollingLoop.Next.backOff("published none of " + relayed.claimed() + " events",
                    SendFailures.describe(relayed.retrying()));
        }
        if (relayed.retries() > 0) {
            log.warn("Outbox relay: {} of {} events not published, retried with the next batch: {}",
                    relayed.retries(), relayed.claimed(), SendFailures.describe(relayed.retrying()));
        }
        if (Instant.now(clock).isAfter(nextPurge)) {
            purgeSent();
            nextPurge = Instant.now(clock).plus(Duration.ofHours(1));
        }
        return relayed.claimed() < properties.batchSize() ? PollingLoop.Next.REST : PollingLoop.Next.AGAIN;
    }

    @Override
    public void start() {
        nextPurge = Instant.MIN;
        loop.start();
    }

    /** Stops after the batch in flight, then drains what is left once so a graceful shutdown leaves nothing behind. */
    @Override
    public void stop() {
        loop.stop(properties.sendTimeout());
        try {
            while (relayBatch().progressed()) {
                // drain
            }
        } catch (RuntimeException e) {
            log.warn("Outbox not fully drained at shutdown; the next start publishes the rest: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    /** Stop after the Kafka listeners (which stop earlier at a higher phase) and before the producer. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    private record Row(long id, String topic, String key, String type, byte @Nullable [] payload) {
    }

    /**
     * What became of one batch: rows claimed, published, set aside, and left for a retry with the
     * first reason why. A batch that published nothing and set nothing aside but left rows stalled,
     * which is when the relay backs off.
     */
    record Relayed(int claimed, int sent, int setAside, int retries, @Nullable Throwable retrying) {

        static final Relayed NOTHING = new Relayed(0, 0, 0, 0, null);

        boolean progressed() {
            return sent + setAside > 0;
        }

        boolean stalled() {
            return retries > 0 && !progressed();
        }
    }
}
