package dk.care.provisioning.invitation;

import dk.care.provisioning.invitation.sms.GuardedProvider;
import dk.care.provisioning.invitation.sms.Sms;
import dk.care.provisioning.polling.PollingLoop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
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

    private final InvitationStore store;
    private final TransactionTemplate transactions;
    private final GuardedProvider provider;
    private final TokenVault tokens;
    private final InvitationProperties properties;
    private final Clock clock;
    private final PollingLoop loop;
    private Instant nextExpiry = Instant.MIN;

    InvitationDispatcher(InvitationStore store, TransactionTemplate transactions, GuardedProvider provider,
                         TokenVault tokens, InvitationProperties properties, Clock clock) {
        this.store = store;
        this.transactions = transactions;
        this.provider = provider;
        this.tokens = tokens;
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
        List<InvitationStore.Due> batch = store.claimDue(Instant.now(clock).plus(properties.dispatch().lease()),
                properties.dispatch().batchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (InvitationStore.Due claimed : batch) {
                senders.execute(() -> record(claimed, send(claimed)));
            }
        }
        return batch.size();
    }

    private GuardedProvider.Outcome send(InvitationStore.Due claimed) {
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

    private void record(InvitationStore.Due claimed, GuardedProvider.Outcome outcome) {
        try {
            transactions.executeWithoutResult(status -> {
                switch (outcome) {
                    case GuardedProvider.Outcome.Sent ignored ->
                            recordAttempt(claimed, store.sent(claimed.subject()), "SENT", null);
                    case GuardedProvider.Outcome.Permanent permanent -> recordAttempt(claimed,
                            store.refused(claimed.subject(), permanent.detail()), "PERMANENT_FAILURE", permanent.detail());
                    case GuardedProvider.Outcome.Transient failure -> recordAttempt(claimed,
                            store.failedTransiently(claimed.subject(), failure.detail(),
                                    properties.dispatch().maxAttempts(),
                                    Instant.now(clock).plus(backoff(claimed.attempts() + 1))),
                            "TRANSIENT_FAILURE", failure.detail());
                    case GuardedProvider.Outcome.NotAttempted ignored -> store.dueAgain(claimed.subject().id());
                }
            });
        } catch (RuntimeException e) {
            // The lease ends and the row is retried; a sent SMS may then go out twice (at least once).
            log.warn("Could not record the dispatch of invitation {}: {}", claimed.subject().id(), e.toString());
        }
    }

    private void recordAttempt(InvitationStore.Due claimed, Optional<Integer> attempt, String outcome,
                               @Nullable String detail) {
        // Empty when the row was closed meanwhile (revoked, or finished by an instance whose lease it took over).
        store.recordAttempt(claimed.subject().id(), attempt.orElse(claimed.attempts() + 1), provider.name(), outcome,
                detail);
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
        Integer expired = transactions.execute(status -> store.expireDue(EXPIRY_BATCH));
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
}
