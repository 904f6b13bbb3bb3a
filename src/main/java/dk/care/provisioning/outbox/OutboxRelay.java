package dk.care.provisioning.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox to Kafka at least once. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}
 * so every instance can relay at the same time, and are marked sent in the same transaction only
 * after the broker acknowledged every record of the batch; a crash before that re-sends the batch,
 * which consumers see as duplicates of the same eventId.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<Object, Object> kafka;
    private final OutboxProperties properties;
    private final Clock clock;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile Thread worker;
    private volatile boolean running;

    OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<Object, Object> kafka,
                OutboxProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
    }

    void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /** Publishes one batch of unsent rows; returns how many were published. */
    int relayBatch() {
        Integer published = transactions.execute(status -> {
            List<Row> rows = jdbc.sql("""
                            select id, topic, message_key, event_type, payload from outbox_message
                            where sent_at is null order by id limit :limit for update skip locked""")
                    .param("limit", properties.batchSize())
                    .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBytes(5)))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
            for (Row row : rows) {
                acks.add(kafka.send(row.topic(), row.key(), AvroPayloads.decode(row.type(), row.payload())));
            }
            kafka.flush();
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .orTimeout(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .join();
            jdbc.sql("update outbox_message set sent_at = :now where id in (:ids)")
                    .param("now", Timestamp.from(Instant.now(clock)))
                    .param("ids", rows.stream().map(Row::id).toList())
                    .update();
            return rows.size();
        });
        return published == null ? 0 : published;
    }

    private void purgeSent() {
        jdbc.sql("delete from outbox_message where sent_at < :cutoff")
                .param("cutoff", Timestamp.from(Instant.now(clock).minus(properties.retention())))
                .update();
    }

    private void run() {
        Duration backoff = Duration.ZERO;
        Instant nextPurge = Instant.now(clock);
        while (running) {
            try {
                if (backoff.isPositive()) {
                    wakeUps.tryAcquire(backoff.toMillis(), TimeUnit.MILLISECONDS);
                }
                int published = relayBatch();
                backoff = Duration.ZERO;
                if (Instant.now(clock).isAfter(nextPurge)) {
                    purgeSent();
                    nextPurge = Instant.now(clock).plus(Duration.ofHours(1));
                }
                if (published < properties.batchSize()) {
                    wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                backoff = nextBackoff(backoff);
                log.warn("Outbox relay failed, retrying in {}: {}", backoff, e.toString());
            }
        }
    }

    private Duration nextBackoff(Duration current) {
        Duration doubled = current.isZero() ? Duration.ofMillis(200) : current.multipliedBy(2);
        return doubled.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : doubled;
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
    }

    /** Stops after the batch in flight, then drains what is left once so a graceful shutdown leaves nothing behind. */
    @Override
    public void stop() {
        running = false;
        wakeUps.release();
        Thread thread = worker;
        if (thread != null) {
            try {
                thread.join(properties.sendTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            while (relayBatch() > 0) {
                // drain
            }
        } catch (RuntimeException e) {
            log.warn("Outbox not fully drained at shutdown; the next start publishes the rest: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stop after the Kafka listeners (which stop earlier at a higher phase) and before the producer. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    private record Row(long id, String topic, String key, String type, byte[] payload) {
    }
}
