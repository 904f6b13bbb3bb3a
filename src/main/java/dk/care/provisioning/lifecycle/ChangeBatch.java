package dk.care.provisioning.lifecycle;

import dk.care.provisioning.audit.AuditEntry;
import dk.care.provisioning.audit.AuditOutcome;
import dk.care.provisioning.user.NewInvitation;
import dk.care.provisioning.user.ProcessedRequest;
import dk.care.provisioning.user.ProcessedRequests.RecordedViolation;
import dk.care.provisioning.user.PublishedEvent;
import dk.care.provisioning.user.UserStatus;
import dk.care.provisioning.user.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bookkeeping of one transaction's changes, decided in order: the accounts they concern (locked
 * when looked up, then changed in memory, so that each change sees the ones before it and every
 * account is written once), the idempotency records known and made, and the events, audit entries
 * and log lines of the outcomes.
 */
final class ChangeBatch {

    private static final Logger log = LoggerFactory.getLogger(UserChanges.class);

    private final ChangeEvents encoder;
    private final Map<String, ProcessedRequest> known;
    private final Map<UUID, Tracked> accounts;
    private final Map<String, UUID> byExternalId = new LinkedHashMap<>();
    private final Map<String, ProcessedRequest> recorded = new LinkedHashMap<>();
    private final List<RecordedViolation> violations = new ArrayList<>();
    private final List<Replacement> replacements = new ArrayList<>();
    private final List<String> cancelledInStore = new ArrayList<>();
    private final List<PublishedEvent> events = new ArrayList<>();
    private final List<AuditEntry> auditEntries = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();

    ChangeBatch(ChangeEvents encoder, Map<String, ProcessedRequest> known, Collection<Account> accounts) {
        this.encoder = encoder;
        this.known = new LinkedHashMap<>(known);
        this.accounts = new LinkedHashMap<>();
        for (Account account : accounts) {
            this.accounts.put(account.id(), new Tracked(account));
            if (account.externalId() != null) {
                byExternalId.put(externalKey(account.organisationId(), account.externalId()), account.id());
            }
        }
    }

    /** An account as it was looked up, as the batch has changed it so far, and what writing it involves. */
    static final class Tracked {

        private final Account original;
        private Account current;
        private boolean revokeInvitations;
        private boolean replaceInvitations;
        private @Nullable NewInvitation invitation;

        Tracked(Account original) {
            this.original = original;
            this.current = original;
        }

        Account original() {
            return original;
        }

        Account current() {
            return current;
        }

        /** Whether its live invitations must be revoked: it was deactivated. */
        boolean revokeInvitations() {
            return revokeInvitations;
        }

        /** Whether its live invitations must give way to one to its new phone number. */
        boolean replaceInvitations() {
            return replaceInvitations;
        }

        /**
         * The fresh invitation a reactivated self-registration, or one with a new phone number, is due,
         * unless deactivated again since.
         */
        @Nullable NewInvitation invitation() {
            return invitation;
        }

        void update(Account account) {
            if (current.status() != UserStatus.DEACTIVATED && account.status() == UserStatus.DEACTIVATED) {
                revokeInvitations = true;
                invitation = null;
            }
            current = account;
        }

        void invite(NewInvitation fresh) {
            invitation = fresh;
        }

        /** A fresh invitation instead of every live one: the number they went to is no longer the user's. */
        void reinvite(NewInvitation fresh) {
            replaceInvitations = true;
            invitation = fresh;
        }
    }

    /** A stored outcome replaced by a later one: a scheduled change applied or failed when due. */
    record Replacement(ProcessedRequest row, List<Violation> violations) {
    }

    /** The account {@code reference} names in {@code organisationId}; one of another organisation is none. */
    Optional<Tracked> account(UserReference reference, @Nullable String organisationId) {
        UUID id = switch (reference) {
            case UserReference.ById byId -> byId.userId();
            case UserReference.ByExternalId byExternalId ->
                    this.byExternalId.get(externalKey(organisationId, byExternalId.externalId()));
        };
        return Optional.ofNullable(id == null ? null : accounts.get(id))
                .filter(tracked -> tracked.current().organisationId().equals(organisationId));
    }

    Optional<ProcessedRequest> processed(String requestId) {
        return Optional.ofNullable(known.get(requestId));
    }

    /** An outcome remembered under its requestId: applied, scheduled, or refused. */
    void decided(ChangeOutcome outcome, String fingerprint, @Nullable UUID userId, ProcessedRequest.Outcome kind,
                 @Nullable String source, @Nullable String requestedBy, @Nullable String organisationId) {
        PublishedEvent event = publish(outcome, kind, source, requestedBy, organisationId, userId);
        var row = new ProcessedRequest(outcome.requestId(), fingerprint, kind, userId, event.eventId(), event.topic(),
                event.type(), event.payload(), outcome.occurredAt());
        recorded.put(row.requestId(), row);
        known.put(row.requestId(), row);
        if (outcome instanceof ChangeOutcome.Failed failed) {
            violations.addAll(RecordedViolation.of(failed.requestId(), failed.violations()));
        }
    }

    /** The outcome of a scheduled change when it fell due, replacing the answer it had when it arrived. */
    void fellDue(ChangeOutcome outcome, String fingerprint, @Nullable UUID userId, ProcessedRequest.Outcome kind,
                 @Nullable String source, @Nullable String requestedBy, @Nullable String organisationId) {
        PublishedEvent event = publish(outcome, kind, source, requestedBy, organisationId, userId);
        replacements.add(new Replacement(new ProcessedRequest(outcome.requestId(), fingerprint, kind, userId,
                event.eventId(), event.topic(), event.type(), event.payload(), outcome.occurredAt()),
                outcome instanceof ChangeOutcome.Failed failed ? failed.violations() : List.of()));
    }

    /** A refusal not remembered: its requestId cannot key one, or belongs to another request. */
    void refused(ChangeOutcome.Failed failed, @Nullable String source, @Nullable String requestedBy) {
        publish(failed, ProcessedRequest.Outcome.CHANGE_FAILED, source, requestedBy, failed.organisationId(), null);
    }

    /** A request seen before with the same content: its stored event again, unchanged. */
    void republished(ProcessedRequest stored) {
        events.add(stored.event());
        afterCommit.add(encoder::countRepublished);
        afterCommit.add(() -> log.info("Change request {} seen before; re-published event {}", stored.requestId(),
                stored.eventId()));
    }

    /** The scheduled change of {@code requestId} withdrawn: its stored answer says so from now on. */
    void cancelled(String requestId) {
        ProcessedRequest pending = recorded.get(requestId);
        if (pending == null) {
            cancelledInStore.add(requestId);
            return;
        }
        var cancelled = new ProcessedRequest(pending.requestId(), pending.fingerprint(),
                ProcessedRequest.Outcome.CANCELLED, pending.userId(), pending.eventId(), pending.eventTopic(),
                pending.eventType(), pending.eventPayload(), pending.processedAt());
        recorded.put(requestId, cancelled);
        known.put(requestId, cancelled);
    }

    List<Tracked> accounts() {
        return List.copyOf(accounts.values());
    }

    List<ProcessedRequest> recorded() {
        return List.copyOf(recorded.values());
    }

    List<RecordedViolation> violations() {
        return violations;
    }

    List<Replacement> replacements() {
        return replacements;
    }

    /** Scheduled changes withdrawn whose stored answer was committed before this batch. */
    List<String> cancelledInStore() {
        return cancelledInStore;
    }

    List<PublishedEvent> events() {
        return events;
    }

    List<AuditEntry> auditEntries() {
        return auditEntries;
    }

    /** Logs what the batch decided; to be called once it is committed, never before. */
    void committed() {
        afterCommit.forEach(Runnable::run);
    }

    private PublishedEvent publish(ChangeOutcome outcome, ProcessedRequest.Outcome kind, @Nullable String source,
                                   @Nullable String requestedBy, @Nullable String organisationId,
                                   @Nullable UUID userId) {
        PublishedEvent event = encoder.encode(outcome);
        events.add(event);
        auditEntries.add(new AuditEntry(outcome.occurredAt(), outcome.requestId(), source, requestedBy,
                organisationId, auditOutcome(outcome, kind), outcome instanceof ChangeOutcome.Failed failed
                ? codes(failed) : null, userId));
        afterCommit.add(() -> {
            encoder.countPublished(outcome);
            switch (outcome) {
                case ChangeOutcome.Changed changed when changed.scheduledFor() != null ->
                        log.info("Change {} of user {} scheduled for {} by request {}", changed.change(),
                                changed.userId(), changed.scheduledFor(), changed.requestId());
                case ChangeOutcome.Changed changed -> log.info("Change {} of user {} applied by request {}: {}",
                        changed.change(), changed.userId(), changed.requestId(),
                        changed.changedFields().isEmpty() ? "nothing to change" : changed.changedFields());
                case ChangeOutcome.Failed failed -> log.info("Change request {} refused: {}", failed.requestId(),
                        codes(failed));
            }
        });
        return event;
    }

    private static AuditOutcome auditOutcome(ChangeOutcome outcome, ProcessedRequest.Outcome kind) {
        if (kind == ProcessedRequest.Outcome.SCHEDULED) {
            return AuditOutcome.CHANGE_SCHEDULED;
        }
        return switch (outcome) {
            case ChangeOutcome.Failed ignored -> AuditOutcome.CHANGE_FAILED;
            case ChangeOutcome.Changed changed -> switch (changed.change()) {
                case UPDATE_CONTACT -> AuditOutcome.CONTACT_UPDATED;
                case MOVE -> AuditOutcome.MOVED;
                case DEACTIVATE -> AuditOutcome.DEACTIVATED;
                case REACTIVATE -> AuditOutcome.REACTIVATED;
                case ERASE -> AuditOutcome.ERASED;
                case CANCEL_SCHEDULED -> AuditOutcome.SCHEDULED_CHANGE_CANCELLED;
            };
        };
    }

    private static String codes(ChangeOutcome.Failed failed) {
        return failed.violations().stream().map(v -> v.code().name()).distinct().collect(Collectors.joining(","));
    }

    private static String externalKey(@Nullable String organisationId, String externalId) {
        return organisationId + '\n' + externalId;
    }
}
