package dk.care.provisioning.erasure;

import dk.care.provisioning.audit.AuditEntry;
import dk.care.provisioning.audit.AuditOutcome;
import dk.care.provisioning.audit.AuditTrail;
import dk.care.provisioning.config.RetentionProperties;
import dk.care.provisioning.polling.PollingLoop;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retention job (docs/retention.md), on every instance at once: erases users deactivated longer
 * than {@code provisioning.retention.erase-after}, audited and with their tombstones, and purges the
 * idempotency records older than {@code idempotency-window}. Each batch is one transaction over rows
 * claimed with {@code for update skip locked}, so instances share the work and never do it twice.
 */
@Component
class Retention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    /** The audit trail's {@code source} of an automatic erasure; its {@code requestedBy} names the setting. */
    static final String SOURCE = "retention";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Erasure erasure;
    private final AuditTrail audit;
    private final RetentionProperties properties;
    private final Clock clock;
    private final PollingLoop loop;

    Retention(JdbcClient jdbc, TransactionTemplate transactions, Erasure erasure, AuditTrail audit,
              RetentionProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.erasure = erasure;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
        this.loop = new PollingLoop("retention", "Retention", log, properties.interval(), Duration.ofMinutes(5),
                this::round);
    }

    private PollingLoop.Next round() {
        int erased = eraseExpired();
        int purged = purgeProcessedRequests();
        boolean more = erased == properties.batchSize() || purged == properties.batchSize();
        return more ? PollingLoop.Next.AGAIN : PollingLoop.Next.REST;
    }

    /** Erases one batch of users deactivated before the cutoff; how many. */
    int eraseExpired() {
        Instant now = Instant.now(clock);
        Integer erased = transactions.execute(status -> {
            record Expired(UUID id, String organisationId) {
            }
            List<Expired> expired = jdbc.sql("""
                            select id, organisation_id from app_user
                            where status = 'DEACTIVATED' and deactivated_at < :cutoff
                            order by deactivated_at limit :limit for update skip locked""")
                    .param("cutoff", Timestamp.from(now.minus(properties.eraseAfter())))
                    .param("limit", properties.batchSize())
                    .query((rs, n) -> new Expired(rs.getObject(1, UUID.class), rs.getString(2)))
                    .list();
            if (expired.isEmpty()) {
                return 0;
            }
            List<UUID> ids = expired.stream().map(Expired::id).toList();
            // An erasure is a change of the user like any other: its version grows.
            jdbc.sql("update app_user set version = version + 1, updated_at = :now where id = any(:ids)")
                    .param("now", Timestamp.from(now))
                    .param("ids", new SqlArrayValue("uuid", ids.toArray()))
                    .update();
            erasure.erase(ids);
            audit.record(expired.stream().map(user -> new AuditEntry(now, SOURCE + ":" + user.id(), SOURCE,
                    "provisioning.retention.erase-after=" + properties.eraseAfter(), user.organisationId(),
                    AuditOutcome.ERASED, null, user.id())).toList());
            return expired.size();
        });
        if (erased != null && erased > 0) {
            log.info("Retention: erased {} users deactivated more than {} ago", erased, properties.eraseAfter());
        }
        return erased == null ? 0 : erased;
    }

    /**
     * Deletes one batch of idempotency records (with their violations) older than the window: not a
     * creation's, whose requestId its user keeps anyway (a re-sent creation must find its outcome, not
     * the user's row as a duplicate), nor a pending scheduled change's.
     */
    int purgeProcessedRequests() {
        Integer purged = transactions.execute(status -> jdbc.sql("""
                        with expired as (
                            select request_id from processed_request
                            where processed_at < :cutoff and outcome not in ('CREATED', 'SCHEDULED')
                            order by processed_at limit :limit for update skip locked),
                        violations as (
                            delete from request_violation where request_id in (select request_id from expired))
                        delete from processed_request where request_id in (select request_id from expired)""")
                .param("cutoff", Timestamp.from(Instant.now(clock).minus(properties.idempotencyWindow())))
                .param("limit", properties.batchSize())
                .update());
        return purged == null ? 0 : purged;
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop(Duration.ofSeconds(30));
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
