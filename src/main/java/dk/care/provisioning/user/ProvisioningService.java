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
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Turns requests into exactly one outcome each: a user, or a rejection listing every violation.
 *
 * <p>A batch is screened (secrets, field rules), looked up (one query), decided in memory (replay,
 * reference data, uniqueness, and only then Argon2id or CPR encryption; the batch's passwords are
 * hashed side by side, and the transaction opens once they are done) and written: everything the
 * outcomes consist of (user rows, invitations, idempotency records, outbox events, audit entries)
 * commits in one transaction holding one statement, and only then is it logged. A uniqueness race
 * between instances surfaces as a constraint violation; the transaction rolls back, the record is
 * retried, and the retry sees the winner.
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

    /** Provisions one request; idempotent per requestId. */
    public void provision(ProvisioningRequest request) {
        provisionAll(List.of(request));
    }

    /**
     * Provisions requests in order, in one transaction: a batch shares its look-up, its insert and
     * its commit, which are most of the cost of a request. Requests of one batch see each other as
     * if they had come one after the other: a repeated requestId replays, a username claimed earlier
     * in the batch is taken. If anything fails, nothing of the batch is committed or logged; callers
     * then fall back to one request at a time to find the one at fault.
     */
    public void provisionAll(List<ProvisioningRequest> requests) {
        List<Screened> screened = new ArrayList<>(requests.size());
        for (ProvisioningRequest request : requests) {
            try (var ignored = LogContext.of(request)) {
                screened.add(screening.screen(request));
            }
        }
        ProvisioningBatch batch = lookUp(screened);
        for (Screened next : screened) {
            try (var ignored = LogContext.of(next.request())) {
                decide(next, batch);
            }
        }
        batch.awaitLogins();
        transactions.executeWithoutResult(status -> store.write(batch));
        batch.committed();
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

    private void decide(Screened screened, ProvisioningBatch batch) {
        ProvisioningRequest request = screened.request();
        Instant now = Instant.now(clock);
        if (!screened.keyed()) {
            batch.refused(screened, ProvisioningOutcome.Rejected.of(derivedEventId(screened.fingerprint()), request,
                    screened.violations(), now));
            return;
        }
        Optional<ProcessedRequest> seen = batch.processed(request.requestId());
        if (seen.isPresent() && !seen.get().unreadable()) {
            replay(screened, seen.get(), batch, now);
            return;
        }
        if (seen.isPresent()) {
            batch.supersede(request.requestId());
        }
        ReferenceRules.Checked reference = referenceRules.check(request);
        List<Violation> violations = new ArrayList<>(screened.violations());
        violations.addAll(reference.violations());
        violations.addAll(batch.conflicts(screened.claims()));
        if (!violations.isEmpty()) {
            batch.rejected(screened, ProvisioningOutcome.Rejected.of(UUID.randomUUID(), request, violations, now));
            return;
        }
        batch.created(screened, User.create(request, screened.fields(), reference.organisation().orElseThrow(),
                credentials.of(screened, now), now));
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
