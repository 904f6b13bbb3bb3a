package dk.care.provisioning.user;

import dk.care.provisioning.user.Screening.Screened;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Turns requests into exactly one outcome each: a user, or a rejection listing every violation.
 *
 * <p>A batch is screened (secrets, field rules), looked up (one query), decided in memory (replay,
 * reference data, uniqueness, and only then Argon2id or CPR encryption) and written: everything the
 * outcomes consist of (user rows, invitations, idempotency records, outbox events, audit entries)
 * commits in one transaction holding one statement, and only then is it logged. An approved password
 * request is the exception: its hash starts at once on the hashing threads, and its decision is
 * written in a transaction of its own when the hash is done, so that no other request waits for it
 * (docs/processing.md). A uniqueness race between instances surfaces as a constraint violation; the
 * transaction rolls back, the record is retried, and the retry sees the winner.
 */
@Service
public class ProvisioningService {

    private static final Logger log = LoggerFactory.getLogger(ProvisioningService.class);

    private final Screening screening;
    private final ReferenceRules referenceRules;
    private final Credentials credentials;
    private final ProvisioningStore store;
    private final OutcomePublisher outcomes;
    private final TransactionOperations transactions;
    private final Clock clock;
    private final PasswordsInFlight inFlight = new PasswordsInFlight();
    // The writes after a hash: a transaction each, mostly waiting for the database, so virtual threads.
    private final Executor passwordWrites = Executors.newVirtualThreadPerTaskExecutor();

    ProvisioningService(Screening screening, ReferenceRules referenceRules, Credentials credentials,
                        ProvisioningStore store, OutcomePublisher outcomes, TransactionOperations transactions,
                        Clock clock) {
        this.screening = screening;
        this.referenceRules = referenceRules;
        this.credentials = credentials;
        this.store = store;
        this.outcomes = outcomes;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Provisions one request and waits until its outcome is committed; idempotent per requestId. */
    public void provision(ProvisioningRequest request) {
        settle(provisionAll(List.of(request)).getFirst());
    }

    /**
     * Provisions requests in order: a batch shares its look-up, its insert and its commit, which are
     * most of the cost of a request. Requests of one batch see each other as if they had come one
     * after the other: a repeated requestId replays, a username claimed earlier in the batch is taken.
     * Returns when every decision that needs no hash is committed, with one future per request that
     * completes once that request's outcome is committed: at once for most, after its hash and its
     * own transaction for an approved password, and after the one it waits for for a request that
     * shares a requestId or a unique value with a password still in flight. If the batch's write
     * fails, nothing of the batch is committed or logged and no password of it will be (their futures
     * fail); callers then fall back to one request at a time to find the one at fault.
     */
    public List<CompletableFuture<Void>> provisionAll(List<ProvisioningRequest> requests) {
        return provisionAll(requests, true);
    }

    /**
     * {@code waitForInFlight} false for a request that waited already: everything it must come after
     * was in flight when it arrived, and whatever arrived since waits for it, never the other way.
     */
    private List<CompletableFuture<Void>> provisionAll(List<ProvisioningRequest> requests, boolean waitForInFlight) {
        List<Screened> screened = new ArrayList<>(requests.size());
        for (ProvisioningRequest request : requests) {
            try (var ignored = LogContext.of(request)) {
                screened.add(screening.screen(request));
            }
        }
        ProvisioningBatch batch = lookUp(screened);
        var batchCommitted = new CompletableFuture<Void>();
        List<CompletableFuture<Void>> settled = new ArrayList<>(screened.size());
        for (int i = 0; i < screened.size(); i++) {
            try (var ignored = LogContext.of(requests.get(i))) {
                settled.add(decideOrWait(requests.get(i), screened.get(i), batch, batchCommitted, waitForInFlight));
            }
        }
        try {
            if (!batch.isEmpty()) {
                transactions.executeWithoutResult(status -> store.write(batch));
            }
        } catch (RuntimeException failed) {
            batchCommitted.completeExceptionally(failed);
            throw failed;
        }
        batchCommitted.complete(null);
        batch.committed();
        return settled;
    }

    /** Waits for a request's outcome to be committed; a failure is rethrown as it was thrown. */
    private static void settle(CompletableFuture<Void> outcome) {
        try {
            outcome.join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }

    /**
     * Records that the value under {@code requestId} could not be read at all, when the key at least
     * names the request, so that the sender learns of it on the outcome topic.
     */
    public void rejectMalformed(String requestId, String reason) {
        if (!Screened.usableAsKey(requestId)) {
            return;
        }
        ProvisioningBatch batch = new ProvisioningBatch(store.known(Set.of(requestId), List.of()), outcomes);
        if (batch.processed(requestId).isPresent()) {
            log.info("Malformed record for already processed request {} ignored", requestId);
            return;
        }
        batch.malformed(new ProvisioningOutcome.Rejected(UUID.randomUUID(), requestId, null, Instant.now(clock),
                null, null, List.of(new Violation(ErrorCode.MALFORMED_MESSAGE, null, reason))));
        transactions.executeWithoutResult(status -> store.write(batch));
        batch.committed();
    }

    /** A batch that knows what the database holds of the requests' ids and unique values, in one query. */
    private ProvisioningBatch lookUp(List<Screened> screened) {
        Set<String> requestIds = screened.stream().filter(Screened::keyed).map(next -> next.request().requestId())
                .collect(Collectors.toSet());
        return new ProvisioningBatch(store.known(requestIds, screened.stream().map(Screened::claims).toList()),
                outcomes);
    }

    /**
     * Decides {@code screened} in {@code batch}, or, when it shares its requestId or a unique value
     * with a password request still in flight, once that one is written, on its own: {@code request}
     * as it came, with its secrets as sent, screened again then.
     */
    private CompletableFuture<Void> decideOrWait(ProvisioningRequest request, Screened screened,
                                                 ProvisioningBatch batch,
                                                 CompletableFuture<Void> batchCommitted, boolean waitForInFlight) {
        CompletableFuture<Void> earlier = waitForInFlight ? inFlight.blocking(screened) : null;
        if (earlier == null) {
            return decide(screened, batch, batchCommitted);
        }
        // Decided afresh, against the database, whether the earlier one was written or failed.
        CompletableFuture<Void> settled = earlier.handle((ignored, failure) -> null)
                .thenComposeAsync(ignored -> provisionAll(List.of(request), false).getFirst(),
                        passwordWrites);
        inFlight.hold(screened, settled);
        return settled;
    }

    private CompletableFuture<Void> decide(Screened screened, ProvisioningBatch batch,
                                           CompletableFuture<Void> batchCommitted) {
        ProvisioningRequest request = screened.request();
        Instant now = Instant.now(clock);
        if (!screened.keyed()) {
            batch.refused(screened, ProvisioningOutcome.Rejected.of(derivedEventId(screened.fingerprint()), request,
                    screened.violations(), now));
            return batchCommitted;
        }
        Optional<ProcessedRequest> seen = batch.processed(request.requestId());
        if (seen.isPresent() && !seen.get().unreadable()) {
            replay(screened, seen.get(), batch, now);
            return batchCommitted;
        }
        ReferenceRules.Checked reference = referenceRules.check(request);
        List<Violation> violations = new ArrayList<>(screened.violations());
        violations.addAll(reference.violations());
        violations.addAll(batch.conflicts(screened.claims()));
        if (!violations.isEmpty()) {
            if (seen.isPresent()) {
                batch.supersede(request.requestId());
            }
            batch.rejected(screened, ProvisioningOutcome.Rejected.of(UUID.randomUUID(), request, violations, now));
            return batchCommitted;
        }
        User user = User.create(request, screened.fields(), reference.organisation().orElseThrow(),
                credentials.of(screened, now), now);
        if (!(user.login() instanceof User.PasswordCredential credential)) {
            if (seen.isPresent()) {
                batch.supersede(request.requestId());
            }
            batch.created(screened, user);
            return batchCommitted;
        }
        // Its own batch and transaction once hashed, after this batch's commit; the rest does not wait.
        ProvisioningBatch own = new ProvisioningBatch(Known.empty(), outcomes);
        if (seen.isPresent()) {
            own.supersede(request.requestId());
        }
        own.created(screened, user);
        CompletableFuture<Void> written = CompletableFuture.allOf(credential.hashing(), batchCommitted)
                .thenRunAsync(() -> {
                    try (var ignored = LogContext.of(request)) {
                        transactions.executeWithoutResult(status -> store.write(own));
                        own.committed();
                    }
                }, passwordWrites);
        inFlight.hold(screened, written);
        return written;
    }

    /**
     * A requestId seen before: the same content re-publishes the stored outcome unchanged; other
     * content is refused without touching what the first request created.
     */
    private void replay(Screened screened, ProcessedRequest stored, ProvisioningBatch batch, Instant now) {
        if (stored.fingerprint().equals(screened.fingerprint())) {
            batch.republished(screened, stored);
            return;
        }
        batch.refused(screened, ProvisioningOutcome.Rejected.of(
                derivedEventId(screened.request().requestId() + '\n' + screened.fingerprint()), screened.request(),
                List.of(new Violation(ErrorCode.IDEMPOTENCY_KEY_REUSED, "requestId",
                        "This requestId was used before for a request with different content")), now));
    }

    /** An event id that the same content always gets, so that redeliveries of a refusal stay recognisable. */
    private static UUID derivedEventId(String content) {
        return UUID.nameUUIDFromBytes(content.getBytes(StandardCharsets.UTF_8));
    }
}
