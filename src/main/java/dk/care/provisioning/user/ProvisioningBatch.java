package dk.care.provisioning.user;

import dk.care.provisioning.audit.AuditEntry;
import dk.care.provisioning.audit.AuditOutcome;
import dk.care.provisioning.user.ProcessedRequests.RecordedViolation;
import dk.care.provisioning.user.Screening.Screened;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bookkeeping of one batch of requests decided in order: what is known (the database's state
 * when the batch looked it up, and what the batch's requests recorded and claimed since, so each
 * sees the ones before it as if they had come one after the other), the rows to write with each
 * outcome's event and audit entry, and what to log and count once they are committed.
 */
final class ProvisioningBatch {

    // The outcome lines are the service's: operators look for them under its name.
    private static final Logger log = LoggerFactory.getLogger(ProvisioningService.class);

    private final Known known;
    private final OutcomePublisher outcomes;
    private final List<User> users = new ArrayList<>();
    private final List<ProcessedRequest> processed = new ArrayList<>();
    private final List<RecordedViolation> violations = new ArrayList<>();
    private final List<String> superseded = new ArrayList<>();
    private final List<PublishedEvent> events = new ArrayList<>();
    private final List<AuditEntry> auditEntries = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();

    ProvisioningBatch(Known known, OutcomePublisher outcomes) {
        this.known = known;
        this.outcomes = outcomes;
    }

    /** The idempotency record of a requestId, stored before or recorded earlier in the batch. */
    Optional<ProcessedRequest> processed(String requestId) {
        return known.processed(requestId);
    }

    /** The uniqueness violations of these claims, against the database and the batch so far. */
    List<Violation> conflicts(Claims claims) {
        return known.conflicts(claims);
    }

    /** A new user and its outcome; its unique values are taken from here on. */
    void created(Screened screened, User user) {
        var created = ProvisioningOutcome.Created.of(user, screened.request().correlationId());
        users.add(user);
        known.claim(screened.claims());
        remember(screened.fingerprint(), user.id(), publish(created, screened.request()), created);
        tell(screened.request(), created, () -> log.info("Created user {} ({}) for request {}", user.id(),
                user.login().kind(), user.requestId()));
    }

    /** A request rejected the first time, remembered so that its redeliveries re-publish the same event. */
    void rejected(Screened screened, ProvisioningOutcome.Rejected rejected) {
        remember(screened.fingerprint(), null, publish(rejected, screened.request()), rejected);
        tell(screened.request(), rejected, () -> log.info("Rejected request {}: {}", rejected.requestId(),
                codes(rejected)));
    }

    /**
     * A rejection that is not remembered, because the requestId belongs to another request or cannot
     * be a key at all; its event id is derived from the content, so its own redeliveries stay
     * recognisable as duplicates.
     */
    void refused(Screened screened, ProvisioningOutcome.Rejected rejected) {
        publish(rejected, screened.request());
        // An unusable requestId (blank, too long, a NUL) is not repeated in the log.
        tell(screened.request(), rejected, () -> {
            if (screened.keyed()) {
                log.info("Rejected request {}: requestId reused with different content", rejected.requestId());
            }
        });
    }

    /** A request seen before with the same content: the stored event again, unchanged. */
    void republished(Screened screened, ProcessedRequest stored) {
        events.add(stored.event());
        tell(screened.request(), null, () -> {
            outcomes.countRepublished();
            log.info("Request {} seen before; re-published event {}", stored.requestId(), stored.eventId());
        });
    }

    /** A record whose value could not be read, rejected under the key that names its request. */
    void malformed(ProvisioningOutcome.Rejected rejected) {
        remember(Fingerprint.UNREADABLE, null, publish(rejected, null, null), rejected);
        afterCommit.add(() -> outcomes.countPublished(rejected));
    }

    /**
     * The stored outcome of an unreadable record under this requestId gives way to the outcome this
     * batch decides for a readable one (a dead letter replayed after a fix).
     */
    void supersede(String requestId) {
        superseded.add(requestId);
    }

    /** The requestIds whose stored unreadable outcome this batch replaces. */
    List<String> superseded() {
        return superseded;
    }

    /** Whether the batch has nothing to write. */
    boolean isEmpty() {
        return users.isEmpty() && processed.isEmpty() && superseded.isEmpty() && events.isEmpty()
                && auditEntries.isEmpty();
    }

    List<User> users() {
        return users;
    }

    List<ProcessedRequest> processedRequests() {
        return processed;
    }

    /** The violations of the remembered rejections, each with its position in its outcome. */
    List<RecordedViolation> violations() {
        return violations;
    }

    List<PublishedEvent> events() {
        return events;
    }

    List<AuditEntry> auditEntries() {
        return auditEntries;
    }

    /** Logs and counts what the batch decided; to be called once its rows are committed, never before. */
    void committed() {
        afterCommit.forEach(Runnable::run);
    }

    private PublishedEvent publish(ProvisioningOutcome outcome, ProvisioningRequest request) {
        return publish(outcome, request.source(), request.requestedBy());
    }

    /** The outcome's event and audit entry, in the batch's order. */
    private PublishedEvent publish(ProvisioningOutcome outcome, @Nullable String source, @Nullable String requestedBy) {
        PublishedEvent event = outcomes.encode(outcome);
        events.add(event);
        auditEntries.add(auditEntryOf(outcome, source, requestedBy));
        return event;
    }

    private void remember(String fingerprint, @Nullable UUID userId, PublishedEvent event,
                          ProvisioningOutcome outcome) {
        var row = ProcessedRequest.of(outcome.requestId(), fingerprint, userId, event, outcome.occurredAt());
        processed.add(row);
        known.remember(row);
        if (outcome instanceof ProvisioningOutcome.Rejected rejected) {
            violations.addAll(RecordedViolation.of(rejected.requestId(), rejected.violations()));
        }
    }

    /** Logs and counts after the commit, in the request's log context; a new outcome is counted too. */
    private void tell(ProvisioningRequest request, @Nullable ProvisioningOutcome published, Runnable lines) {
        afterCommit.add(() -> {
            try (var ignored = LogContext.of(request)) {
                if (published != null) {
                    outcomes.countPublished(published);
                }
                lines.run();
            }
        });
    }

    private static AuditEntry auditEntryOf(ProvisioningOutcome outcome, @Nullable String source,
                                           @Nullable String requestedBy) {
        Instant at = outcome.occurredAt();
        return switch (outcome) {
            case ProvisioningOutcome.Created created -> new AuditEntry(at, created.requestId(), source,
                    requestedBy, created.organisationId(), AuditOutcome.CREATED, null, created.userId());
            case ProvisioningOutcome.Rejected rejected -> new AuditEntry(at, rejected.requestId(), source,
                    requestedBy, rejected.organisationId(), AuditOutcome.FAILED, codes(rejected), null);
        };
    }

    private static String codes(ProvisioningOutcome.Rejected rejected) {
        return rejected.violations().stream().map(v -> v.code().name()).distinct().collect(Collectors.joining(","));
    }
}
