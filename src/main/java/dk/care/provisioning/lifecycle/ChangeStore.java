package dk.care.provisioning.lifecycle;

import dk.care.provisioning.audit.AuditTrail;
import dk.care.provisioning.erasure.Erasure;
import dk.care.provisioning.feed.UserFeed;
import dk.care.provisioning.invitation.Invitations;
import dk.care.provisioning.organisation.UserType;
import dk.care.provisioning.security.PasswordHasher;
import dk.care.provisioning.user.InvitationIssuer;
import dk.care.provisioning.user.LoginMethod;
import dk.care.provisioning.user.NewInvitation;
import dk.care.provisioning.user.OutcomePublisher;
import dk.care.provisioning.user.ProcessedRequest;
import dk.care.provisioning.user.ProcessedRequests;
import dk.care.provisioning.user.UserStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The changes' statements: accounts looked up and locked a batch at a time, scheduled changes kept,
 * claimed and closed, and a batch's outcome written — the accounts in one statement, their
 * passwords and invitations as the status changes ask, the erasure of those erased, the new state of
 * the others on the users topic, idempotency records, events and audit entries.
 * Callers hold the transaction.
 */
@Component
class ChangeStore {

    private static final String ACCOUNT_COLUMNS = """
            u.id, u.organisation_id, u.department_id, u.role_id, u.user_type, u.login_method, u.status,
            u.status_before_deactivation, u.name, u.email, u.phone, u.external_id, u.locale, u.version,
            u.updated_at, u.deactivated_at""";

    private final JdbcClient jdbc;
    private final ProcessedRequests processedRequests;
    private final OutcomePublisher outbox;
    private final InvitationIssuer invitationIssuer;
    private final Invitations invitations;
    private final UserFeed feed;
    private final Erasure erasure;
    private final AuditTrail audit;

    ChangeStore(JdbcClient jdbc, ProcessedRequests processedRequests, OutcomePublisher outbox,
                InvitationIssuer invitationIssuer, Invitations invitations, UserFeed feed, Erasure erasure,
                AuditTrail audit) {
        this.jdbc = jdbc;
        this.processedRequests = processedRequests;
        this.outbox = outbox;
        this.invitationIssuer = invitationIssuer;
        this.invitations = invitations;
        this.feed = feed;
        this.erasure = erasure;
        this.audit = audit;
    }

    /** One user reference of a request, with the organisation it was named in. */
    record Reference(UserReference user, @Nullable String organisationId) {
    }

    /** The idempotency records of these requestIds. */
    Map<String, ProcessedRequest> processed(Collection<String> requestIds) {
        return processedRequests.find(requestIds);
    }

    /**
     * The accounts these references name, locked until the transaction ends, in id order so that two
     * instances locking overlapping sets cannot deadlock. By id in any organisation (the caller
     * compares), by external id only in the organisation named.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    List<Account> lock(Collection<Reference> references) {
        List<UUID> ids = references.stream().map(Reference::user).filter(UserReference.ById.class::isInstance)
                .map(user -> ((UserReference.ById) user).userId()).distinct().toList();
        List<Reference> external = references.stream()
                .filter(reference -> reference.user() instanceof UserReference.ByExternalId
                        && reference.organisationId() != null)
                .distinct().toList();
        if (ids.isEmpty() && external.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + ACCOUNT_COLUMNS + """
                         from app_user u
                        where u.id in (select id from app_user where id = any(:ids)
                                       union all
                                       select a.id from app_user a
                                       join unnest(:organisations, :externalIds) k (organisation_id, external_id)
                                         on a.organisation_id = k.organisation_id and a.external_id = k.external_id)
                        order by u.id
                        for update of u""")
                .param("ids", new SqlArrayValue("uuid", ids.toArray()))
                .param("organisations", new SqlArrayValue("text",
                        external.stream().map(Reference::organisationId).toArray()))
                .param("externalIds", new SqlArrayValue("text",
                        external.stream().map(reference -> reference.user().text()).toArray()))
                .query((rs, n) -> account(rs))
                .list();
    }

    /** A scheduled change's owner and state, locked: whether it may still be cancelled is the caller's to judge. */
    record Schedule(String requestId, UUID userId, String state) {

        boolean pending() {
            return "PENDING".equals(state);
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Schedule> lockSchedule(String requestId) {
        return jdbc.sql("select request_id, user_id, state from scheduled_change where request_id = :id for update")
                .param("id", requestId)
                .query((rs, n) -> new Schedule(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3)))
                .optional();
    }

    /** Keeps a change for later, with what applying it will need. */
    @Transactional(propagation = Propagation.MANDATORY)
    void schedule(ChangeRequest request, Change change, UUID userId, String organisationId, Instant dueAt,
                  Instant now) {
        var statement = jdbc.sql("""
                        insert into scheduled_change (request_id, user_id, organisation_id, state, due_at, change_kind,
                            correlation_id, source, requested_by, requested_at, department_id, role_id, name, email,
                            phone, locale, reason, created_at)
                        values (:requestId, :userId, :organisationId, 'PENDING', :dueAt, :kind, :correlationId, :source,
                            :requestedBy, :requestedAt, :departmentId, :roleId, :name, :email, :phone, :locale,
                            :reason, :now)""")
                .param("requestId", request.requestId())
                .param("userId", userId)
                .param("organisationId", organisationId)
                .param("dueAt", Timestamp.from(dueAt))
                .param("kind", change.kind().name())
                .param("correlationId", request.correlationId())
                .param("source", request.source())
                .param("requestedBy", request.requestedBy())
                .param("requestedAt", request.requestedAt() == null ? null : Timestamp.from(request.requestedAt()))
                .param("now", Timestamp.from(now));
        String departmentId = null, roleId = null, name = null, email = null, phone = null, locale = null,
                reason = null;
        switch (change) {
            case Change.UpdateContact contact -> {
                name = contact.name();
                email = contact.email();
                phone = contact.phone();
                locale = contact.locale();
            }
            case Change.Move move -> {
                departmentId = move.departmentId();
                roleId = move.roleId();
            }
            case Change.Deactivate deactivate -> reason = deactivate.reason();
            case Change.Reactivate ignored -> {
            }
            case Change.Erase ignored -> {
            }
            case Change.CancelScheduled ignored -> throw new IllegalArgumentException("a cancellation is never scheduled");
        }
        statement.param("departmentId", departmentId).param("roleId", roleId).param("name", name)
                .param("email", email).param("phone", phone).param("locale", locale).param("reason", reason)
                .update();
    }

    /** A scheduled change claimed for applying, with its stored idempotency fingerprint. */
    record Due(ChangeRequest request, UUID userId, String fingerprint) {
    }

    /**
     * Claims up to {@code limit} scheduled changes due at {@code now}, oldest due first; rows another
     * instance holds are skipped, not waited for. The claim is the row lock: it lasts as long as the
     * caller's transaction, which must apply and close each one, so a killed instance's claim ends
     * with its connection and the change is still pending for the next.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    List<Due> claimDue(Instant now, int limit) {
        return jdbc.sql("""
                        select s.request_id, s.user_id, s.organisation_id, s.change_kind, s.correlation_id, s.source,
                               s.requested_by, s.requested_at, s.department_id, s.role_id, s.name, s.email, s.phone,
                               s.locale, s.reason, p.fingerprint
                        from scheduled_change s join processed_request p on p.request_id = s.request_id
                        where s.request_id in (select request_id from scheduled_change
                                               where state = 'PENDING' and due_at <= :now
                                               order by due_at, request_id limit :limit for update skip locked)
                        order by s.due_at, s.request_id""")
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((rs, n) -> {
                    UUID userId = rs.getObject(2, UUID.class);
                    Change change = switch (ChangeKind.valueOf(rs.getString(4))) {
                        case UPDATE_CONTACT -> new Change.UpdateContact(rs.getString(11), rs.getString(12),
                                rs.getString(13), rs.getString(14));
                        case MOVE -> new Change.Move(rs.getString(9), rs.getString(10));
                        case DEACTIVATE -> new Change.Deactivate(rs.getString(15));
                        case REACTIVATE -> new Change.Reactivate();
                        case ERASE -> new Change.Erase();
                        case CANCEL_SCHEDULED -> throw new IllegalStateException("a cancellation is never scheduled");
                    };
                    Timestamp requestedAt = rs.getTimestamp(8);
                    var request = new ChangeRequest(rs.getString(1), rs.getString(5), rs.getString(6), rs.getString(7),
                            requestedAt == null ? null : requestedAt.toInstant(), rs.getString(3),
                            new UserReference.ById(userId), null, null, change);
                    return new Due(request, userId, rs.getString(16));
                })
                .list();
    }

    /**
     * Closes a scheduled change: applied, failed or cancelled (by {@code closedBy}, the cancelling
     * request). Its fields are cleared: they may be personal data, and the outcome says what became of it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void closeSchedule(String requestId, String state, @Nullable String closedBy, Instant now) {
        jdbc.sql("""
                        update scheduled_change set state = :state, closed_at = :now, closed_by = :closedBy,
                            department_id = null, role_id = null, name = null, email = null, phone = null,
                            locale = null, reason = null
                        where request_id = :id and state = 'PENDING'""")
                .param("state", state)
                .param("now", Timestamp.from(now))
                .param("closedBy", closedBy)
                .param("id", requestId)
                .update();
    }

    /** The pending scheduled changes of a user, soonest first. */
    List<ScheduledChanges.ScheduledChange> pendingOf(UUID userId) {
        return jdbc.sql("""
                        select request_id, change_kind, due_at, source, requested_by, created_at, department_id, role_id
                        from scheduled_change where user_id = :id and state = 'PENDING' order by due_at, request_id""")
                .param("id", userId)
                .query((rs, n) -> new ScheduledChanges.ScheduledChange(rs.getString(1),
                        ChangeKind.valueOf(rs.getString(2)), rs.getTimestamp(3).toInstant(), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getString(8)))
                .list();
    }

    /**
     * Writes what the batch decided: every changed account in one statement; a deactivated account's
     * password hash made unusable and its live invitations revoked; a reactivated one's hash restored
     * and, for a pending self-registration, a fresh invitation; then idempotency records, outcome
     * events and audit entries.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void write(ChangeBatch batch) {
        List<ChangeBatch.Tracked> changed = batch.accounts().stream()
                .filter(tracked -> !tracked.original().equals(tracked.current())).toList();
        // An account erased in this batch is written deactivated: the erasure takes it the last step.
        updateAccounts(changed.stream().map(tracked -> erasedNow(tracked)
                ? tracked.current().withStatus(UserStatus.DEACTIVATED) : tracked.current()).toList());
        for (ChangeBatch.Tracked tracked : batch.accounts()) {
            boolean couldLogIn = loginAllowed(tracked.original().status());
            boolean canLogIn = loginAllowed(tracked.current().status());
            if (couldLogIn && !canLogIn) {
                jdbc.sql("""
                                update password_credential set password_hash = :mark || password_hash
                                where user_id = :id and not starts_with(password_hash, :mark)""")
                        .param("mark", PasswordHasher.DISABLED_PREFIX).param("id", tracked.current().id()).update();
            } else if (!couldLogIn && canLogIn) {
                jdbc.sql("""
                                update password_credential set password_hash = substr(password_hash, length(:mark) + 1)
                                where user_id = :id and starts_with(password_hash, :mark)""")
                        .param("mark", PasswordHasher.DISABLED_PREFIX).param("id", tracked.current().id()).update();
            }
            if (tracked.revokeInvitations()) {
                invitations.revokeOnDeactivation(tracked.current().id());
            } else if (tracked.replaceInvitations()) {
                invitations.revokeForNewPhone(tracked.current().id());
            }
        }
        List<NewInvitation> fresh = batch.accounts().stream().map(ChangeBatch.Tracked::invitation)
                .filter(Objects::nonNull).toList();
        if (!fresh.isEmpty()) {
            invitationIssuer.issue(fresh);
        }
        for (ChangeBatch.Replacement replacement : batch.replacements()) {
            processedRequests.replace(replacement.row(), replacement.violations());
        }
        if (!batch.cancelledInStore().isEmpty()) {
            jdbc.sql("update processed_request set outcome = :cancelled where request_id = any(:ids)")
                    .param("cancelled", ProcessedRequest.Outcome.CANCELLED.name())
                    .param("ids", new SqlArrayValue("text", batch.cancelledInStore().toArray()))
                    .update();
        }
        processedRequests.record(batch.recorded(), batch.violations());
        outbox.publish(batch.events());
        // After the outcomes, as at creation: a reader of the users topic never hears of a change before
        // the requester does. The erasure publishes the erased users' tombstones.
        List<UUID> erased = changed.stream().filter(ChangeStore::erasedNow).map(tracked -> tracked.current().id())
                .toList();
        if (!erased.isEmpty()) {
            erasure.erase(erased);
        }
        List<UUID> states = changed.stream().filter(tracked -> !erasedNow(tracked))
                .map(tracked -> tracked.current().id()).toList();
        if (!states.isEmpty()) {
            feed.publishCurrent(states);
        }
        audit.record(batch.auditEntries());
    }

    private static boolean erasedNow(ChangeBatch.Tracked tracked) {
        return tracked.original().status() != UserStatus.ERASED && tracked.current().status() == UserStatus.ERASED;
    }

    private static boolean loginAllowed(UserStatus status) {
        return status == UserStatus.ACTIVE || status == UserStatus.PENDING_SELF_REGISTRATION;
    }

    private void updateAccounts(List<Account> accounts) {
        if (accounts.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update app_user u set department_id = c.department_id, role_id = c.role_id, status = c.status,
                            status_before_deactivation = c.status_before_deactivation, deactivated_at = c.deactivated_at,
                            name = c.name, email = c.email, phone = c.phone, locale = c.locale, version = c.version,
                            updated_at = c.updated_at
                        from unnest(:ids, :departments, :roles, :statuses, :before, :deactivatedAt, :names, :emails,
                                    :phones, :locales, :versions, :updatedAt)
                             c (id, department_id, role_id, status, status_before_deactivation, deactivated_at, name,
                                email, phone, locale, version, updated_at)
                        where u.id = c.id""")
                .param("ids", array("uuid", accounts, Account::id))
                .param("departments", array("text", accounts, Account::departmentId))
                .param("roles", array("text", accounts, Account::roleId))
                .param("statuses", array("text", accounts, account -> account.status().name()))
                .param("before", array("text", accounts, account -> account.statusBeforeDeactivation() == null ? null
                        : account.statusBeforeDeactivation().name()))
                .param("deactivatedAt", array("timestamptz", accounts, account -> instant(account.deactivatedAt())))
                .param("names", array("text", accounts, Account::name))
                .param("emails", array("text", accounts, Account::email))
                .param("phones", array("text", accounts, Account::phone))
                .param("locales", array("text", accounts, Account::locale))
                .param("versions", array("int8", accounts, Account::version))
                .param("updatedAt", array("timestamptz", accounts, account -> instant(account.updatedAt())))
                .update();
    }

    /** As ISO-8601 text, so that the session's time zone cannot shift it (as {@code BulkInsert} sends instants). */
    private static @Nullable String instant(@Nullable Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static SqlArrayValue array(String type, List<Account> accounts, Function<Account, @Nullable Object> value) {
        return new SqlArrayValue(type, accounts.stream().map(value).toArray());
    }

    private static Account account(ResultSet rs) throws SQLException {
        String before = rs.getString(8);
        Timestamp deactivatedAt = rs.getTimestamp(16);
        return new Account(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                UserType.valueOf(rs.getString(5)), LoginMethod.Kind.valueOf(rs.getString(6)),
                UserStatus.valueOf(rs.getString(7)), before == null ? null : UserStatus.valueOf(before),
                rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
                rs.getLong(14), rs.getTimestamp(15).toInstant(), deactivatedAt == null ? null : deactivatedAt.toInstant());
    }
}
