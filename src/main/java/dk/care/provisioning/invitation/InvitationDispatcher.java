package dk.care.provisioning.invitation;

import dk.care.provisioning.polling.PollingLoop;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due invitations off the consumer thread, on every instance at once. A batch is claimed by
 * pushing its rows' {@code next_attempt_at} one lease ahead ({@code FOR UPDATE SKIP LOCKED}, so
 * instances never claim the same row), sent in parallel without holding a connection, and each
 * result is recorded in its own transaction with its event. A failing invitation is rescheduled
 * with exponential, jittered backoff behind the due ones, so it never holds back the others; a row
 * whose instance died is due again when its lease ends. Also expires overdue invitations.
 */
class InvitationDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InvitationDispatcher.class);
    private static final int EXPIRY_BATCH = 500;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final GuardedProvider provider;
    private final TokenVault tokens;
    private final InvitationEvents events;
    private final InvitationProperties properties;
    private final Clock clock;
    private final PollingLoop loop;
    private Instant nextExpiry = Instant.MIN;

    InvitationDispatcher(JdbcClient jdbc, TransactionTemplate transactions, GuardedProvider provider, TokenVault tokens,
                         InvitationEvents events, InvitationProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.provider = provider;
        this.tokens = tokens;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        this.loop = new PollingLoop("invitation-dispatcher", "Invitation dispatch", log,
                properties.dispatch().pollInterval(), MAX_BACKOFF, this::dispatchRound);
    }

    /** Claims, sends and records one batch of due invitations; returns how many were claimed. */
    int dispatchBatch() {
        if (provider.circuitOpen()) {
            return 0;
        }
        List<Claimed> batch = claim();
        if (batch.isEmpty()) {
            return 0;
        }
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Claimed claimed : batch) {
                senders.execute(() -> record(claimed, send(claimed)));
            }
        }
        return batch.size();
    }

    private List<Claimed> claim() {
        Instant now = Instant.now(clock);
        return jdbc.sql("""
                        update invitation i set next_attempt_at = :leaseEnd
                        from app_user u, organisation o
                        where i.id in (select id from invitation
                                       where status = 'PENDING' and next_attempt_at <= :now and expires_at > :now
                                       order by next_attempt_at limit :limit for update skip locked)
                          and u.id = i.user_id and o.id = u.organisation_id
                        returning i.id, i.user_id, u.request_id, o.name, i.phone, i.locale, i.token_ciphertext,
                                  i.attempts, i.expires_at""")
                .param("leaseEnd", Timestamp.from(now.plus(properties.dispatch().lease())))
                .param("now", Timestamp.from(now))
                .param("limit", properties.dispatch().batchSize())
                .query((rs, n) -> new Claimed(
                        new InvitationEvents.Subject(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                                rs.getString(3), rs.getTimestamp(9).toInstant()),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8)))
                .list();
    }

    private GuardedProvider.Outcome send(Claimed claimed) {
        UUID id = claimed.subject().id();
        String token;
        try {
            token = tokens.decrypt(id, claimed.tokenCiphertext());
        } catch (IllegalStateException e) {
            // A removed key or a tampered row: no retry can bring the token back; a resend can.
            log.error("Invitation {} cannot be sent: {}", id, e.getMessage());
            return new GuardedProvider.Outcome.Permanent("token cannot be decrypted");
        }
        String link = properties.baseUrl() + "/" + token;
        String text = InvitationTexts.render(claimed.locale(), claimed.organisationName(), link,
                claimed.subject().expiresAt());
        return provider.send(new Sms(id, claimed.phone(), text));
    }

    private void record(Claimed claimed, GuardedProvider.Outcome outcome) {
        try {
            transactions.executeWithoutResult(status -> {
                switch (outcome) {
                    case GuardedProvider.Outcome.Sent ignored -> close(claimed, Invitation.Status.SENT, null);
                    case GuardedProvider.Outcome.Permanent permanent ->
                            close(claimed, Invitation.Status.DELIVERY_FAILED, permanent.detail());
                    case GuardedProvider.Outcome.Transient failure -> retryOrGiveUp(claimed, failure.detail());
                    case GuardedProvider.Outcome.NotAttempted ignored -> dueAgain(claimed);
                }
            });
        } catch (RuntimeException e) {
            // The lease ends and the row is retried; a sent SMS may then go out twice (at least once).
            log.warn("Could not record the dispatch of invitation {}: {}", claimed.subject().id(), e.toString());
        }
    }

    private void close(Claimed claimed, Invitation.Status status, @Nullable String detail) {
        Instant now = Instant.now(clock);
        Integer attempt = jdbc.sql("""
                        update invitation set status = :status, attempts = attempts + 1, token_ciphertext = null,
                            next_attempt_at = null, last_error = :detail,
                            sent_at = case when cast(:status as text) = 'SENT' then cast(:now as timestamptz) end,
                            closed_at = case when cast(:status as text) = 'SENT' then null else cast(:now as timestamptz) end
                        where id = :id and status = 'PENDING'
                        returning attempts""")
                .param("status", status.name())
                .param("detail", detail)
                .param("now", Timestamp.from(now))
                .param("id", claimed.subject().id())
                .query(Integer.class).optional().orElse(null);
        recordAttempt(claimed, attempt, status == Invitation.Status.SENT ? "SENT" : "PERMANENT_FAILURE", detail, now);
        if (attempt != null) {
            events.publish(claimed.subject(), status, attempt, detail);
        }
    }

    private void retryOrGiveUp(Claimed claimed, String detail) {
        Instant now = Instant.now(clock);
        int maxAttempts = properties.dispatch().maxAttempts();
        record Result(String status, int attempts) {
        }
        Result result = jdbc.sql("""
                        update invitation set attempts = attempts + 1, last_error = :detail,
                            status = case when attempts + 1 >= :max then 'DELIVERY_FAILED' else 'PENDING' end,
                            next_attempt_at = case when attempts + 1 >= :max then null else cast(:next as timestamptz) end,
                            token_ciphertext = case when attempts + 1 >= :max then null else token_ciphertext end,
                            closed_at = case when attempts + 1 >= :max then cast(:now as timestamptz) end
                        where id = :id and status = 'PENDING'
                        returning status, attempts""")
                .param("detail", detail)
                .param("max", maxAttempts)
                .param("next", Timestamp.from(now.plus(backoff(claimed.attempts() + 1))))
                .param("now", Timestamp.from(now))
                .param("id", claimed.subject().id())
                .query((rs, n) -> new Result(rs.getString(1), rs.getInt(2))).optional().orElse(null);
        recordAttempt(claimed, result == null ? null : result.attempts(), "TRANSIENT_FAILURE", detail, now);
        if (result != null && result.status().equals(Invitation.Status.DELIVERY_FAILED.name())) {
            events.publish(claimed.subject(), Invitation.Status.DELIVERY_FAILED, result.attempts(),
                    "gave up after " + result.attempts() + " attempts, last: " + detail);
        }
    }

    private void dueAgain(Claimed claimed) {
        jdbc.sql("update invitation set next_attempt_at = :now where id = :id and status = 'PENDING'")
                .param("now", Timestamp.from(Instant.now(clock)))
                .param("id", claimed.subject().id())
                .update();
    }

    private void recordAttempt(Claimed claimed, @Nullable Integer attempt, String outcome, @Nullable String detail,
                               Instant at) {
        jdbc.sql("""
                        insert into invitation_attempt (invitation_id, attempt, attempted_at, provider, outcome, detail)
                        values (:id, :attempt, :at, :provider, :outcome, :detail)""")
                .param("id", claimed.subject().id())
                // Null when the row was closed meanwhile (revoked, or finished by an instance whose lease it took over).
                .param("attempt", attempt == null ? claimed.attempts() + 1 : attempt)
                .param("at", Timestamp.from(at))
                .param("provider", provider.name())
                .param("outcome", outcome)
                .param("detail", detail)
                .update();
    }

    /** The delay before attempt {@code failedAttempts + 1}: doubling from the initial backoff up to the maximum, minus up to {@code jitter} of it at random. */
    Duration backoff(int failedAttempts) {
        Duration initial = properties.dispatch().initialBackoff();
        Duration max = properties.dispatch().maxBackoff();
        int doublings = Math.min(failedAttempts - 1, 30);
        Duration base = initial.multipliedBy(1L << doublings);
        if (base.compareTo(max) > 0 || base.isNegative()) {
            base = max;
        }
        double keep = 1 - properties.dispatch().jitter() * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.round(base.toMillis() * keep));
    }

    /** Marks live invitations past their expiry EXPIRED, one event each; returns how many. */
    int expireDue() {
        Integer expired = transactions.execute(status -> {
            Instant now = Instant.now(clock);
            record Expired(InvitationEvents.Subject subject, int attempts) {
            }
            List<Expired> rows = jdbc.sql("""
                            update invitation i set status = 'EXPIRED', token_ciphertext = null, next_attempt_at = null,
                                closed_at = :now
                            from app_user u
                            where i.id in (select id from invitation
                                           where status in ('PENDING', 'SENT', 'DELIVERY_FAILED') and expires_at <= :now
                                           limit :limit for update skip locked)
                              and u.id = i.user_id
                            returning i.id, i.user_id, u.request_id, i.expires_at, i.attempts""")
                    .param("now", Timestamp.from(now))
                    .param("limit", EXPIRY_BATCH)
                    .query((rs, n) -> new Expired(new InvitationEvents.Subject(rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class), rs.getString(3), rs.getTimestamp(4).toInstant()), rs.getInt(5)))
                    .list();
            rows.forEach(row -> events.publish(row.subject(), Invitation.Status.EXPIRED, row.attempts(), null));
            return rows.size();
        });
        return expired == null ? 0 : expired;
    }

    /** Expires overdue invitations every expiry interval, then dispatches a batch. */
    private PollingLoop.Next dispatchRound() {
        if (!Instant.now(clock).isBefore(nextExpiry)) {
            while (expireDue() == EXPIRY_BATCH) {
                // more overdue rows than one batch
            }
            nextExpiry = Instant.now(clock).plus(properties.dispatch().expiryInterval());
        }
        return dispatchBatch() < properties.dispatch().batchSize() ? PollingLoop.Next.REST : PollingLoop.Next.AGAIN;
    }

    @Override
    public void start() {
        nextExpiry = Instant.MIN;
        loop.start();
    }

    /** Lets the batch in flight finish, so its results and events are recorded before the outbox relay stops. */
    @Override
    public void stop() {
        loop.stop(properties.dispatch().lease());
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    /** Stops before the outbox relay (a lower phase), which publishes the events of the last batch. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 900;
    }

    private record Claimed(InvitationEvents.Subject subject, String organisationName, String phone, String locale,
                           String tokenCiphertext, int attempts) {
    }
}
