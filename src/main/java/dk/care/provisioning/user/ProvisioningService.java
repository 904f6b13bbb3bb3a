package dk.care.provisioning.user;

import dk.care.provisioning.audit.AuditEntry;
import dk.care.provisioning.audit.AuditTrail;
import dk.care.provisioning.invitation.Invitations;
import dk.care.provisioning.organisation.Organisation;
import dk.care.provisioning.security.CprProtector;
import dk.care.provisioning.security.PasswordHasher;
import dk.care.provisioning.security.RequestResolution;
import dk.care.provisioning.security.SecretResolver;
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
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
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
    private final UserRepository users;
    private final ProcessedRequestRepository processedRequests;
    private final Invitations invitations;
    private final OutcomePublisher outcomes;
    private final AuditTrail audit;
    private final JdbcAggregateTemplate aggregates;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ProvisioningService(SecretResolver secrets, FieldRules fieldRules, ReferenceRules referenceRules,
                        PasswordHasher passwords, CprProtector cprs, UserRepository users,
                        ProcessedRequestRepository processedRequests, Invitations invitations,
                        OutcomePublisher outcomes, AuditTrail audit, JdbcAggregateTemplate aggregates,
                        TransactionTemplate transactions, Clock clock) {
        this.secrets = secrets;
        this.fieldRules = fieldRules;
        this.referenceRules = referenceRules;
        this.passwords = passwords;
        this.cprs = cprs;
        this.users = users;
        this.processedRequests = processedRequests;
        this.invitations = invitations;
        this.outcomes = outcomes;
        this.audit = audit;
        this.aggregates = aggregates;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Provisions one request; idempotent per requestId. */
    public void provision(ProvisioningRequest request) {
        provisionAll(List.of(request));
    }

    /**
     * Provisions requests in order, in one transaction: a batch shares its commit, which is most of
     * the cost of a request. If anything fails, nothing of the batch is committed; callers then
     * fall back to one request at a time to find the one at fault.
     */
    public void provisionAll(List<ProvisioningRequest> requests) {
        List<Runnable> steps = new ArrayList<>(requests.size());
        for (ProvisioningRequest request : requests) {
            String fingerprint = Fingerprint.of(request);
            Prepared prepared;
            try (var ignored = LogContext.of(request)) {
                prepared = prepare(request);
            }
            Runnable step = usableAsKey(request.requestId())
                    ? () -> commit(request, fingerprint, prepared)
                    : () -> rejectUnkeyed(request, fingerprint, prepared);
            steps.add(() -> {
                try (var ignored = LogContext.of(request)) {
                    step.run();
                }
            });
        }
        transactions.executeWithoutResult(status -> steps.forEach(Runnable::run));
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
            PublishedEvent event = outcomes.publish(rejected);
            aggregates.insert(ProcessedRequest.of(requestId, "malformed", null, event, rejected.occurredAt()));
            audit.record(auditEntry(rejected.occurredAt(), requestId, null, null, null, rejected));
        });
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

    private void commit(ProvisioningRequest request, String fingerprint, Prepared prepared) {
        Optional<ProcessedRequest> processed = processedRequests.findById(request.requestId());
        if (processed.isPresent()) {
            replay(processed.get(), request, fingerprint);
            return;
        }
        ReferenceRules.Checked reference = referenceRules.check(request);
        List<Violation> violations = new ArrayList<>(prepared.violations());
        violations.addAll(reference.violations());
        violations.addAll(uniquenessViolations(request, prepared));
        Instant now = Instant.now(clock);
        if (!violations.isEmpty()) {
            reject(request, fingerprint, violations, now);
            return;
        }
        create(request, fingerprint, prepared, reference.organisation().orElseThrow(), now);
    }

    private List<Violation> uniquenessViolations(ProvisioningRequest request, Prepared prepared) {
        List<Violation> violations = new ArrayList<>();
        if (prepared.credential() != null && users.usernameTaken(prepared.credential().username())) {
            violations.add(new Violation(ErrorCode.USERNAME_TAKEN, "login.username", "The username is already in use"));
        }
        if (prepared.identity() != null
                && users.cprRegistered(request.organisationId(), prepared.identity().cprBlindIndex())) {
            violations.add(new Violation(ErrorCode.CPR_ALREADY_REGISTERED, "login.cpr",
                    "Another user of the organisation has this CPR number"));
        }
        if (request.externalId() != null && request.organisationId() != null
                && users.externalIdTaken(request.organisationId(), request.externalId())) {
            violations.add(new Violation(ErrorCode.DUPLICATE_EXTERNAL_ID, "externalId",
                    "The external id belongs to another user of the organisation"));
        }
        return violations;
    }

    private void create(ProvisioningRequest request, String fingerprint, Prepared prepared,
                        Organisation organisation, Instant now) {
        String locale = request.locale() == null || request.locale().isBlank() ? organisation.locale()
                : request.locale();
        LoginMethod.Kind method = request.login().kind();
        UserStatus status = method == LoginMethod.Kind.PHONE_SELF_REGISTRATION
                ? UserStatus.PENDING_SELF_REGISTRATION : UserStatus.ACTIVE;
        ValidatedFields fields = prepared.fields();
        var user = new User(UUID.randomUUID(), request.requestId(), request.organisationId(), request.departmentId(),
                request.roleId(), request.userType(), method, status,
                fields.name() == null ? null : fields.name().value(),
                fields.email() == null ? null : fields.email().value(),
                fields.phone() == null ? null : fields.phone().e164(),
                request.externalId(), locale, now, prepared.credential(), prepared.identity());
        aggregates.insert(user);
        UUID invitationId = method == LoginMethod.Kind.PHONE_SELF_REGISTRATION
                ? invitations.issue(user.id(), user.phone(), locale) : null;
        var created = new ProvisioningOutcome.Created(UUID.randomUUID(), request.requestId(), request.correlationId(),
                now, user.id(), user.organisationId(), user.departmentId(), user.roleId(), user.userType(), method,
                status, user.name(), user.email(), user.phone(), user.username(), user.externalId(), invitationId);
        PublishedEvent event = outcomes.publish(created);
        aggregates.insert(ProcessedRequest.of(request.requestId(), fingerprint, user.id(), event, now));
        audit.record(auditEntry(now, request.requestId(), request.source(), request.requestedBy(),
                request.organisationId(), created));
        log.info("Created user {} ({}) for request {}", user.id(), method, request.requestId());
    }

    private void reject(ProvisioningRequest request, String fingerprint, List<Violation> violations, Instant now) {
        var rejected = new ProvisioningOutcome.Rejected(UUID.randomUUID(), request.requestId(),
                request.correlationId(), now, request.source(), request.organisationId(), violations);
        PublishedEvent event = outcomes.publish(rejected);
        aggregates.insert(ProcessedRequest.of(request.requestId(), fingerprint, null, event, now));
        audit.record(auditEntry(now, request.requestId(), request.source(), request.requestedBy(),
                request.organisationId(), rejected));
        log.info("Rejected request {}: {}", request.requestId(), codes(rejected));
    }

    /**
     * A requestId seen before: the same content re-publishes the stored outcome unchanged; other
     * content is refused without touching what the first request created. That refusal gets an
     * eventId derived from the content, so its own redeliveries stay recognisable as duplicates.
     */
    private void replay(ProcessedRequest processed, ProvisioningRequest request, String fingerprint) {
        if (processed.fingerprint().equals(fingerprint)) {
            outcomes.republish(processed.event());
            log.info("Request {} seen before; re-published event {}", request.requestId(), processed.eventId());
            return;
        }
        Instant now = Instant.now(clock);
        var rejected = new ProvisioningOutcome.Rejected(
                UUID.nameUUIDFromBytes((request.requestId() + '\n' + fingerprint).getBytes(StandardCharsets.UTF_8)),
                request.requestId(), request.correlationId(), now, request.source(), request.organisationId(),
                List.of(new Violation(ErrorCode.IDEMPOTENCY_KEY_REUSED, "requestId",
                        "This requestId was used before for a request with different content")));
        outcomes.publish(rejected);
        audit.record(auditEntry(now, request.requestId(), request.source(), request.requestedBy(),
                request.organisationId(), rejected));
        log.info("Rejected request {}: requestId reused with different content", request.requestId());
    }

    /** Without a usable requestId nothing can be made idempotent; the sender still gets a rejection. */
    private void rejectUnkeyed(ProvisioningRequest request, String fingerprint, Prepared prepared) {
        Instant now = Instant.now(clock);
        var rejected = new ProvisioningOutcome.Rejected(
                UUID.nameUUIDFromBytes(fingerprint.getBytes(StandardCharsets.UTF_8)),
                Optional.ofNullable(request.requestId()).orElse(""), request.correlationId(), now,
                request.source(), request.organisationId(), prepared.violations());
        outcomes.publish(rejected);
        audit.record(auditEntry(now, rejected.requestId(), request.source(), request.requestedBy(),
                request.organisationId(), rejected));
    }

    private static boolean usableAsKey(String requestId) {
        // A NUL cannot be stored in PostgreSQL text, so such a requestId cannot be recorded either.
        return requestId != null && !requestId.isBlank() && requestId.length() <= FieldRules.MAX_REQUEST_ID_LENGTH
                && requestId.indexOf('\0') < 0;
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
}
