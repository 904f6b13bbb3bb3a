package dk.care.provisioning.user;

import dk.care.provisioning.audit.AuditEntry;
import dk.care.provisioning.audit.AuditTrail;
import dk.care.provisioning.invitation.Invitations;
import dk.care.provisioning.invitation.NewInvitation;
import dk.care.provisioning.jdbc.BulkInsert;
import dk.care.provisioning.jdbc.BulkInserts;
import dk.care.provisioning.organisation.Organisation;
import dk.care.provisioning.security.CprProtector;
import dk.care.provisioning.security.PasswordHasher;
import dk.care.provisioning.security.RequestResolution;
import dk.care.provisioning.security.SecretResolver;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a request into exactly one outcome: a user, or a rejection listing every violation.
 *
 * <p>Costly, database-free work (decrypting secrets, field rules, Argon2id, CPR encryption) runs
 * before the transaction, so a connection is held only for the lookups and inserts. Everything
 * the outcome consists of (user rows, invitation, idempotency record, outbox event, audit entry)
 * commits in one transaction. A uniqueness race between instances surfaces as a constraint
 * violation; the transaction rolls back, the record is retried, and the retry sees the winner.
 */
@Service
public class ProvisioningService {

    private static final Logger log = LoggerFactory.getLogger(ProvisioningService.class);

    private final SecretResolver secrets;
    private final FieldRules fieldRules;
    private final ReferenceRules referenceRules;
    private final PasswordHasher passwords;
    private final CprProtector cprs;
    private final UserRows rows;
    private final ProcessedRequestRepository processedRequests;
    private final Invitations invitations;
    private final OutcomePublisher outcomes;
    private final BulkInserts bulk;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ProvisioningService(SecretResolver secrets, FieldRules fieldRules, ReferenceRules referenceRules,
                        PasswordHasher passwords, CprProtector cprs, UserRows rows,
                        ProcessedRequestRepository processedRequests, Invitations invitations,
                        OutcomePublisher outcomes, BulkInserts bulk, TransactionTemplate transactions, Clock clock) {
        this.secrets = secrets;
        this.fieldRules = fieldRules;
        this.referenceRules = referenceRules;
        this.passwords = passwords;
        this.cprs = cprs;
        this.rows = rows;
        this.processedRequests = processedRequests;
        this.invitations = invitations;
        this.outcomes = outcomes;
        this.bulk = bulk;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Provisions one request; idempotent per requestId. */
    public void provision(ProvisioningRequest request) {
        provisionAll(List.of(request));
    }

    /**
     * Provisions requests in order, in one transaction: a batch shares its commit, its look-ups and
     * its inserts, which are most of the cost of a request. Requests of one batch see each other as
     * if they had come one after the other: a repeated requestId replays, a username claimed earlier
     * in the batch is taken. If anything fails, nothing of the batch is committed; callers then fall
     * back to one request at a time to find the one at fault.
     */
    public void provisionAll(List<ProvisioningRequest> requests) {
        List<Pending> pending = new ArrayList<>(requests.size());
        for (ProvisioningRequest request : requests) {
            try (var ignored = LogContext.of(request)) {
                Prepared prepared = prepare(request);
                pending.add(new Pending(request, Fingerprint.of(request), prepared, claims(request, prepared)));
            }
        }
        transactions.executeWithoutResult(status -> {
            Batch batch = new Batch(known(pending));
            for (Pending next : pending) {
                try (var ignored = LogContext.of(next.request())) {
                    if (usableAsKey(next.request().requestId())) {
                        commit(next, batch);
                    } else {
                        rejectUnkeyed(next, batch);
                    }
                }
            }
            batch.write();
        });
    }

    /**
     * Records that the value under {@code requestId} could not be read at all, when the key at least
     * names the request, so that the sender learns of it on the outcome topic.
     */
    public void rejectMalformed(String requestId, String reason) {
        if (!usableAsKey(requestId)) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            if (processedRequests.existsById(requestId)) {
                log.info("Malformed record for already processed request {} ignored", requestId);
                return;
            }
            var rejected = new ProvisioningOutcome.Rejected(UUID.randomUUID(), requestId, null, Instant.now(clock),
                    null, null, List.of(new Violation(ErrorCode.MALFORMED_MESSAGE, null, reason)));
            Batch batch = new Batch(UserRows.Known.empty());
            PublishedEvent event = batch.publish(rejected);
            batch.processed(ProcessedRequest.of(requestId, "malformed", null, event, rejected.occurredAt()));
            batch.audit(auditEntry(rejected.occurredAt(), requestId, null, null, null, rejected));
            batch.write();
        });
    }

    /** What the database already holds of everything the batch might collide with, in one query. */
    private UserRows.Known known(List<Pending> pending) {
        Set<String> requestIds = new HashSet<>();
        UserRows.Known wanted = UserRows.Known.empty();
        for (Pending next : pending) {
            if (usableAsKey(next.request().requestId())) {
                requestIds.add(next.request().requestId());
            }
            wanted.claim(next.claims());
        }
        return rows.known(requestIds, wanted.usernames(), wanted.cprs(), wanted.externalIds());
    }

    private Prepared prepare(ProvisioningRequest request) {
        List<Violation> violations = new ArrayList<>();
        ProvisioningRequest plain = request;
        Set<String> refusedSecrets = Set.of();
        switch (secrets.resolveLogin(request)) {
            case RequestResolution.Resolved resolved -> plain = resolved.request();
            case RequestResolution.Rejected rejected -> {
                violations.addAll(rejected.violations());
                refusedSecrets = rejected.violations().stream().map(Violation::field).collect(Collectors.toSet());
            }
        }
        FieldCheck check = fieldRules.check(plain);
        for (Violation violation : check.violations()) {
            // A secret that could not be read has nothing more to say; rules on it would judge ciphertext.
            if (!refusedSecrets.contains(violation.field())) {
                violations.add(violation);
            }
        }
        ValidatedFields fields = check.fields();
        if (!violations.isEmpty()) {
            return new Prepared(fields, violations, null, null);
        }
        User.PasswordCredential credential = null;
        User.MitIdIdentity identity = null;
        Instant now = Instant.now(clock);
        switch (plain.login()) {
            case LoginMethod.Standard standard -> credential = new User.PasswordCredential(
                    fields.username().value(), passwords.hash(standard.password()), standard.mustChangePassword(), now);
            case LoginMethod.MitId ignored -> {
                Secret cpr = Secret.of(fields.cpr().digits());
                identity = new User.MitIdIdentity(plain.organisationId(), cprs.encrypt(cpr), cprs.blindIndex(cpr));
            }
            case LoginMethod.PhoneSelfRegistration ignored -> {
            }
        }
        return new Prepared(fields, violations, credential, identity);
    }

    private void commit(Pending pending, Batch batch) {
        ProvisioningRequest request = pending.request();
        ProcessedRequest processed = batch.known().processed().get(request.requestId());
        if (processed != null) {
            replay(processed, pending, batch);
            return;
        }
        ReferenceRules.Checked reference = referenceRules.check(request);
        List<Violation> violations = new ArrayList<>(pending.prepared().violations());
        violations.addAll(reference.violations());
        violations.addAll(uniquenessViolations(pending, batch.known()));
        Instant now = Instant.now(clock);
        if (!violations.isEmpty()) {
            reject(pending, violations, now, batch);
            return;
        }
        create(pending, reference.organisation().orElseThrow(), now, batch);
    }

    private List<Violation> uniquenessViolations(Pending pending, UserRows.Known known) {
        UserRows.Claims claims = pending.claims();
        List<Violation> violations = new ArrayList<>();
        if (claims.username() != null && known.usernames().contains(claims.username())) {
            violations.add(new Violation(ErrorCode.USERNAME_TAKEN, "login.username", "The username is already in use"));
        }
        if (claims.cpr() != null && known.cprs().contains(claims.cpr())) {
            violations.add(new Violation(ErrorCode.CPR_ALREADY_REGISTERED, "login.cpr",
                    "Another user of the organisation has this CPR number"));
        }
        if (claims.externalId() != null && known.externalIds().contains(claims.externalId())) {
            violations.add(new Violation(ErrorCode.DUPLICATE_EXTERNAL_ID, "externalId",
                    "The external id belongs to another user of the organisation"));
        }
        return violations;
    }

    private void create(Pending pending, Organisation organisation, Instant now, Batch batch) {
        ProvisioningRequest request = pending.request();
        Prepared prepared = pending.prepared();
        String locale = request.locale() == null || request.locale().isBlank() ? organisation.locale()
                : request.locale();
        LoginMethod.Kind method = request.login().kind();
        UserStatus status = method == LoginMethod.Kind.PHONE_SELF_REGISTRATION
                ? UserStatus.PENDING_SELF_REGISTRATION : UserStatus.ACTIVE;
        ValidatedFields fields = prepared.fields();
        var user = new User(TimeOrderedIds.next(), request.requestId(), request.organisationId(),
                request.departmentId(), request.roleId(), request.userType(), method, status,
                fields.name() == null ? null : fields.name().value(),
                fields.email() == null ? null : fields.email().value(),
                fields.phone() == null ? null : fields.phone().e164(),
                request.externalId(), locale, now, prepared.credential(), prepared.identity());
        UUID invitationId = null;
        if (method == LoginMethod.Kind.PHONE_SELF_REGISTRATION) {
            invitationId = TimeOrderedIds.next();
            batch.invitation(new NewInvitation(invitationId, user.id(), user.phone(), locale));
        }
        var created = new ProvisioningOutcome.Created(UUID.randomUUID(), request.requestId(), request.correlationId(),
                now, user.id(), user.organisationId(), user.departmentId(), user.roleId(), user.userType(), method,
                status, user.name(), user.email(), user.phone(), user.username(), user.externalId(), invitationId);
        batch.user(user, pending.claims());
        PublishedEvent event = batch.publish(created);
        batch.processed(ProcessedRequest.of(request.requestId(), pending.fingerprint(), user.id(), event, now));
        batch.audit(auditEntry(now, request, created));
        log.info("Created user {} ({}) for request {}", user.id(), method, request.requestId());
    }

    private void reject(Pending pending, List<Violation> violations, Instant now, Batch batch) {
        ProvisioningRequest request = pending.request();
        var rejected = new ProvisioningOutcome.Rejected(UUID.randomUUID(), request.requestId(),
                request.correlationId(), now, request.source(), request.organisationId(), violations);
        PublishedEvent event = batch.publish(rejected);
        batch.processed(ProcessedRequest.of(request.requestId(), pending.fingerprint(), null, event, now));
        batch.audit(auditEntry(now, request, rejected));
        log.info("Rejected request {}: {}", request.requestId(), codes(rejected));
    }

    /**
     * A requestId seen before: the same content re-publishes the stored outcome unchanged; other
     * content is refused without touching what the first request created. That refusal gets an
     * eventId derived from the content, so its own redeliveries stay recognisable as duplicates.
     */
    private void replay(ProcessedRequest processed, Pending pending, Batch batch) {
        ProvisioningRequest request = pending.request();
        if (processed.fingerprint().equals(pending.fingerprint())) {
            batch.republish(processed.event());
            log.info("Request {} seen before; re-published event {}", request.requestId(), processed.eventId());
            return;
        }
        Instant now = Instant.now(clock);
        var rejected = new ProvisioningOutcome.Rejected(
                UUID.nameUUIDFromBytes((request.requestId() + '\n' + pending.fingerprint())
                        .getBytes(StandardCharsets.UTF_8)),
                request.requestId(), request.correlationId(), now, request.source(), request.organisationId(),
                List.of(new Violation(ErrorCode.IDEMPOTENCY_KEY_REUSED, "requestId",
                        "This requestId was used before for a request with different content")));
        batch.publish(rejected);
        batch.audit(auditEntry(now, request, rejected));
        log.info("Rejected request {}: requestId reused with different content", request.requestId());
    }

    /** Without a usable requestId nothing can be made idempotent; the sender still gets a rejection. */
    private void rejectUnkeyed(Pending pending, Batch batch) {
        ProvisioningRequest request = pending.request();
        Instant now = Instant.now(clock);
        var rejected = new ProvisioningOutcome.Rejected(
                UUID.nameUUIDFromBytes(pending.fingerprint().getBytes(StandardCharsets.UTF_8)),
                Optional.ofNullable(request.requestId()).orElse(""), request.correlationId(), now,
                request.source(), request.organisationId(), pending.prepared().violations());
        batch.publish(rejected);
        batch.audit(auditEntry(now, rejected.requestId(), request.source(), request.requestedBy(),
                request.organisationId(), rejected));
    }

    private static UserRows.Claims claims(ProvisioningRequest request, Prepared prepared) {
        User.MitIdIdentity identity = prepared.identity();
        return new UserRows.Claims(
                prepared.credential() == null ? null : prepared.credential().username(),
                identity == null ? null
                        : new UserRows.OrganisationKey(identity.organisationId(), identity.cprBlindIndex()),
                request.externalId() == null || request.organisationId() == null ? null
                        : new UserRows.OrganisationKey(request.organisationId(), request.externalId()));
    }

    private static boolean usableAsKey(String requestId) {
        return FieldRules.isRequestId(requestId);
    }

    private static AuditEntry auditEntry(Instant at, ProvisioningRequest request, ProvisioningOutcome outcome) {
        return auditEntry(at, request.requestId(), request.source(), request.requestedBy(), request.organisationId(),
                outcome);
    }

    private static AuditEntry auditEntry(Instant at, String requestId, String source, String requestedBy,
                                         String organisationId, ProvisioningOutcome outcome) {
        return switch (outcome) {
            case ProvisioningOutcome.Created created -> new AuditEntry(null, at, requestId, source, requestedBy,
                    organisationId, "CREATED", null, created.userId());
            case ProvisioningOutcome.Rejected rejected -> new AuditEntry(null, at, requestId, source, requestedBy,
                    organisationId, "FAILED", codes(rejected), null);
        };
    }

    private static String codes(ProvisioningOutcome.Rejected rejected) {
        return rejected.violations().stream().map(v -> v.code().name()).distinct().collect(Collectors.joining(","));
    }

    private record Prepared(ValidatedFields fields, List<Violation> violations,
                            User.PasswordCredential credential, User.MitIdIdentity identity) {
    }

    /** A request with the database-free part of its work done, and the unique values it would claim. */
    private record Pending(ProvisioningRequest request, String fingerprint, Prepared prepared,
                           UserRows.Claims claims) {
    }

    /**
     * The rows of one transaction, collected in request order and written at the end in one
     * statement. What a request claims is added to {@link UserRows.Known} at once, so the requests
     * after it in the batch see it.
     */
    private final class Batch {

        private final UserRows.Known known;
        private final List<User> users = new ArrayList<>();
        private final List<NewInvitation> newInvitations = new ArrayList<>();
        private final List<ProcessedRequest> processed = new ArrayList<>();
        private final List<PublishedEvent> events = new ArrayList<>();
        private final List<AuditEntry> auditEntries = new ArrayList<>();

        Batch(UserRows.Known known) {
            this.known = known;
        }

        UserRows.Known known() {
            return known;
        }

        void user(User user, UserRows.Claims claims) {
            users.add(user);
            known.claim(claims);
        }

        void invitation(NewInvitation invitation) {
            newInvitations.add(invitation);
        }

        PublishedEvent publish(ProvisioningOutcome outcome) {
            PublishedEvent event = outcomes.encode(outcome);
            events.add(event);
            return event;
        }

        void republish(PublishedEvent event) {
            outcomes.countRepublished();
            events.add(event);
        }

        void processed(ProcessedRequest row) {
            processed.add(row);
            known.processed().put(row.requestId(), row);
        }

        void audit(AuditEntry entry) {
            auditEntries.add(entry);
        }

        /** Writes every row of the batch in one statement. */
        void write() {
            List<BulkInsert> inserts = new ArrayList<>(UserRows.rowsOf(users));
            inserts.add(invitations.rowsOf(newInvitations));
            inserts.add(UserRows.rowsOfProcessed(processed));
            inserts.add(outcomes.outboxRowsOf(events));
            inserts.add(AuditTrail.rowsOf(auditEntries));
            bulk.insertAll(inserts);
        }
    }
}
