package dk.care.provisioning.lifecycle;

import dk.care.provisioning.user.ErrorCode;
import dk.care.provisioning.user.NewInvitation;
import dk.care.provisioning.user.ProcessedRequest;
import dk.care.provisioning.user.UserStatus;
import dk.care.provisioning.user.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;
import java.util.Map;

/**
 * Turns change requests into exactly one outcome each (docs/lifecycle.md). A batch is screened (the
 * rules of the request alone), then, in one transaction, its idempotency records and accounts are
 * looked up (the accounts locked), each request is decided in order against the accounts as the
 * requests before it left them, and everything is written: accounts, passwords, invitations,
 * idempotency records, events, audit entries. A change dated in the future is kept and answered at
 * once; {@link #applyDue} applies it when due, in the transaction that closes it.
 */
@Service
public class UserChanges {

    private final ChangeRules rules;
    private final ChangeStore store;
    private final ChangeEvents encoder;
    private final TransactionOperations transactions;
    private final Clock clock;

    UserChanges(ChangeRules rules, ChangeStore store, ChangeEvents encoder, TransactionOperations transactions,
                Clock clock) {
        this.rules = rules;
        this.store = store;
        this.encoder = encoder;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Decides one request and commits its outcome. */
    public void apply(ChangeRequest request) {
        applyAll(List.of(request));
    }

    /**
     * Decides these requests in order and commits their outcomes in one transaction; a request sees
     * what the ones before it changed. If the write fails nothing of the batch is committed, and the
     * caller may retry the requests one by one to find the one at fault.
     */
    public void applyAll(List<ChangeRequest> requests) {
        List<ChangeRules.Screened> screened = requests.stream().map(rules::screen).toList();
        ChangeBatch batch = Objects.requireNonNull(transactions.execute(status -> {
            ChangeBatch decided = new ChangeBatch(encoder,
                    store.processed(screened.stream().filter(ChangeRules.Screened::keyed)
                            .map(next -> next.request().requestId()).distinct().toList()),
                    store.lock(screened.stream().map(next -> new ChangeStore.Reference(next.request().user(),
                            next.request().organisationId())).distinct().toList()));
            Instant now = Instant.now(clock);
            screened.forEach(next -> decideArriving(next, decided, now));
            store.write(decided);
            return decided;
        }));
        batch.committed();
    }

    /**
     * Applies up to {@code limit} scheduled changes that are due, each exactly once however many
     * instances call this: they are claimed with their row locks, applied (every rule checked again:
     * the user may have changed since) and closed in one transaction, so a crash before the commit
     * leaves them due. Returns how many were due.
     */
    public int applyDue(int limit) {
        ChangeBatch batch = transactions.execute(status -> {
            Instant now = Instant.now(clock);
            List<ChangeStore.Due> due = store.claimDue(now, limit);
            if (due.isEmpty()) {
                return null;
            }
            ChangeBatch decided = new ChangeBatch(encoder, Map.of(),
                    store.lock(due.stream().map(next -> new ChangeStore.Reference(next.request().user(),
                            next.request().organisationId())).distinct().toList()));
            due.forEach(next -> decideDue(next, decided, now));
            store.write(decided);
            return decided;
        });
        if (batch == null) {
            return 0;
        }
        batch.committed();
        return batch.events().size();
    }

    private void decideArriving(ChangeRules.Screened screened, ChangeBatch batch, Instant now) {
        ChangeRequest request = screened.request();
        if (!screened.keyed()) {
            batch.refused(failed(derivedEventId(screened.fingerprint()), request, null, screened.violations(), now),
                    request.source(), request.requestedBy());
            return;
        }
        Optional<ProcessedRequest> seen = batch.processed(request.requestId());
        if (seen.isPresent()) {
            if (seen.get().fingerprint().equals(screened.fingerprint())) {
                batch.republished(seen.get());
            } else {
                batch.refused(failed(derivedEventId(request.requestId() + '\n' + screened.fingerprint()), request,
                        null, List.of(new Violation(ErrorCode.IDEMPOTENCY_KEY_REUSED, "requestId",
                                "This requestId was used before for a request with different content")), now),
                        request.source(), request.requestedBy());
            }
            return;
        }
        Optional<ChangeBatch.Tracked> tracked = batch.account(request.user(), request.organisationId());
        boolean later = request.effectiveAt() != null && request.effectiveAt().isAfter(now)
                && !(screened.change() instanceof Change.CancelScheduled);
        List<Violation> violations = new ArrayList<>(screened.violations());
        if (tracked.isEmpty()) {
            violations.add(userNotFound());
            violations.addAll(rules.withoutUser(screened));
        } else {
            violations.addAll(rules.against(screened, tracked.get().current(), true, !later));
            if (screened.change() instanceof Change.CancelScheduled cancel && cancel.requestId() != null
                    && !cancel.requestId().isBlank()
                    && tracked.get().current().status() != UserStatus.ERASED
                    && store.lockSchedule(cancel.requestId())
                    .filter(schedule -> schedule.pending() && schedule.userId().equals(tracked.get().current().id()))
                    .isEmpty()) {
                violations.add(new Violation(ErrorCode.SCHEDULE_NOT_FOUND, "change.requestId",
                        "The user has no scheduled change of this requestId that is still to be applied"));
            }
        }
        UUID userId = tracked.map(found -> found.current().id()).orElse(null);
        if (!violations.isEmpty()) {
            batch.decided(failed(UUID.randomUUID(), request, userId, violations, now), screened.fingerprint(), userId,
                    ProcessedRequest.Outcome.CHANGE_FAILED, request.source(), request.requestedBy(),
                    request.organisationId());
            return;
        }
        Account account = tracked.orElseThrow().current();
        if (later) {
            Instant dueAt = Objects.requireNonNull(request.effectiveAt());
            store.schedule(request, screened.change(), account.id(), account.organisationId(), dueAt, now);
            batch.decided(new ChangeOutcome.Changed(UUID.randomUUID(), request.requestId(), request.correlationId(),
                            now, account.id(), account.organisationId(), account.version(), account.status(),
                            screened.change().kind(), List.of(), dueAt), screened.fingerprint(), account.id(),
                    ProcessedRequest.Outcome.SCHEDULED, request.source(), request.requestedBy(),
                    account.organisationId());
            return;
        }
        if (screened.change() instanceof Change.CancelScheduled cancel) {
            String cancelled = Objects.requireNonNull(cancel.requestId());
            store.closeSchedule(cancelled, "CANCELLED", request.requestId(), now);
            batch.cancelled(cancelled);
        }
        ChangeOutcome.Changed changed = apply(screened, tracked.get(), now);
        batch.decided(changed, screened.fingerprint(), account.id(), ProcessedRequest.Outcome.CHANGED,
                request.source(), request.requestedBy(), account.organisationId());
    }

    /** A scheduled change fallen due: every rule again but the version, then applied or refused for good. */
    private void decideDue(ChangeStore.Due due, ChangeBatch batch, Instant now) {
        ChangeRules.Screened screened = rules.screen(due.request());
        ChangeRequest request = screened.request();
        Optional<ChangeBatch.Tracked> tracked = batch.account(request.user(), request.organisationId());
        List<Violation> violations = new ArrayList<>(screened.violations());
        if (tracked.isEmpty()) {
            violations.add(userNotFound());
        } else {
            violations.addAll(rules.against(screened, tracked.get().current(), false, true));
        }
        String requestId = Objects.requireNonNull(request.requestId());
        if (!violations.isEmpty()) {
            store.closeSchedule(requestId, "FAILED", null, now);
            batch.fellDue(failed(UUID.randomUUID(), request, due.userId(), violations, now), due.fingerprint(),
                    due.userId(), ProcessedRequest.Outcome.CHANGE_FAILED, request.source(), request.requestedBy(),
                    request.organisationId());
            return;
        }
        store.closeSchedule(requestId, "APPLIED", null, now);
        batch.fellDue(apply(screened, tracked.get(), now), due.fingerprint(), due.userId(),
                ProcessedRequest.Outcome.CHANGED, request.source(), request.requestedBy(), request.organisationId());
    }

    /** Applies a change that passed every rule to the account as the batch has it so far. */
    private ChangeOutcome.Changed apply(ChangeRules.Screened screened, ChangeBatch.Tracked tracked, Instant now) {
        Account account = tracked.current();
        Account.Applied applied = switch (screened.change()) {
            case Change.UpdateContact contact ->
                    account.updateContact(contact.name(), contact.email(), contact.phone(), contact.locale(), now);
            case Change.Move move -> account.move(Objects.requireNonNull(move.departmentId()),
                    Objects.requireNonNull(move.roleId()), now);
            case Change.Deactivate ignored -> account.deactivate(now);
            case Change.Reactivate ignored -> account.reactivate(now);
            case Change.Erase ignored -> account.erase(now);
            case Change.CancelScheduled ignored -> new Account.Applied(account, List.of());
        };
        Account after = applied.account();
        tracked.update(after);
        if (screened.change() instanceof Change.Reactivate && account.status() == UserStatus.DEACTIVATED
                && after.status() == UserStatus.PENDING_SELF_REGISTRATION && after.phone() != null) {
            tracked.invite(new NewInvitation(UUID.randomUUID(), after.id(), after.phone(), after.locale()));
        }
        if (after.status() == UserStatus.PENDING_SELF_REGISTRATION && applied.changedFields().contains("phone")
                && after.phone() != null) {
            // The link went to a number that is no longer the invitee's: a new one goes to the new number.
            tracked.reinvite(new NewInvitation(UUID.randomUUID(), after.id(), after.phone(), after.locale()));
        }
        ChangeRequest request = screened.request();
        return new ChangeOutcome.Changed(UUID.randomUUID(), Objects.requireNonNull(request.requestId()),
                request.correlationId(), now, after.id(), after.organisationId(), after.version(), after.status(),
                screened.change().kind(), applied.changedFields(), null);
    }

    private static Violation userNotFound() {
        return new Violation(ErrorCode.USER_NOT_FOUND, "user", "No user with this reference in the organisation");
    }

    private static ChangeOutcome.Failed failed(UUID eventId, ChangeRequest request, @Nullable UUID userId,
                                               List<Violation> violations, Instant now) {
        return new ChangeOutcome.Failed(eventId, Objects.requireNonNullElse(request.requestId(), ""),
                request.correlationId(), now, request.source(), request.organisationId(), userId, violations);
    }

    /** An event id that the same content always gets, so that redeliveries of a refusal stay recognisable. */
    private static UUID derivedEventId(String content) {
        return UUID.nameUUIDFromBytes(content.getBytes(StandardCharsets.UTF_8));
    }
}
