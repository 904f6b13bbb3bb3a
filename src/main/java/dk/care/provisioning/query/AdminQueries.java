package dk.care.provisioning.query;

import dk.care.provisioning.audit.AuditOutcome;
import dk.care.provisioning.lifecycle.ScheduledChanges;
import dk.care.provisioning.organisation.UserType;
import dk.care.provisioning.user.LoginMethod;
import dk.care.provisioning.user.ProcessedRequest;
import dk.care.provisioning.user.UserStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The read side for admin UIs, straight from the worker's tables: the idempotency record and the
 * violations stored with it answer a request's state, {@code app_user} with its login and latest
 * invitation the user lists, invitations, delivery attempts and the audit trail a user's history.
 * Every query names its columns, so no hash, ciphertext or token can ever be selected by accident.
 */
@Component
@Transactional(readOnly = true)
public class AdminQueries {

    public static final int MAX_PAGE_SIZE = 200;
    static final int MAX_REQUEST_ID = 100;

    private static final String USER_COLUMNS = """
            select u.id, u.request_id, u.organisation_id, u.department_id, d.name, u.role_id, r.name, u.user_type,
                   u.login_method, u.status, u.version, u.name, u.email, u.phone, c.username, u.external_id, u.locale,
                   u.created_at, i.id, i.status, i.expires_at
            from app_user u
            join department d on d.id = u.department_id
            join role r on r.id = u.role_id
            left join password_credential c on c.user_id = u.id
            left join lateral (select id, status, expires_at from invitation where user_id = u.id
                               order by created_at desc, id desc limit 1) i on true
            """;

    /**
     * What the audit trail holds of a user's life after creation, with who asked: invitations resent or
     * revoked by a person, and every change (scheduled, made, refused with its codes, cancelled).
     */
    private static final List<AuditOutcome> ADMINISTERED = List.of(AuditOutcome.INVITATION_RESENT,
            AuditOutcome.INVITATION_REVOKED, AuditOutcome.CHANGE_SCHEDULED, AuditOutcome.CONTACT_UPDATED,
            AuditOutcome.MOVED, AuditOutcome.DEACTIVATED, AuditOutcome.REACTIVATED, AuditOutcome.ERASED,
            AuditOutcome.SCHEDULED_CHANGE_CANCELLED, AuditOutcome.CHANGE_FAILED);

    private final JdbcClient jdbc;
    private final ScheduledChanges scheduledChanges;

    AdminQueries(JdbcClient jdbc, ScheduledChanges scheduledChanges) {
        this.jdbc = jdbc;
        this.scheduledChanges = scheduledChanges;
    }

    /** The state of a request; {@code PENDING} for any requestId without a recorded outcome. */
    public RequestState requestState(String requestId) {
        if (requestId.isEmpty() || requestId.length() > MAX_REQUEST_ID) {
            throw new IllegalArgumentException("requestId must be 1-" + MAX_REQUEST_ID + " characters");
        }
        record Row(String outcome, @Nullable UUID userId, Timestamp at) {
        }
        Optional<Row> row = jdbc.sql("select outcome, user_id, processed_at from processed_request where request_id = :id")
                .param("id", requestId)
                .query((rs, n) -> new Row(rs.getString(1), rs.getObject(2, UUID.class), rs.getTimestamp(3)))
                .optional();
        if (row.isEmpty()) {
            return RequestState.pending(requestId);
        }
        UUID userId = row.get().userId();
        Instant processedAt = row.get().at().toInstant();
        return switch (ProcessedRequest.Outcome.valueOf(row.get().outcome())) {
            case CREATED -> new RequestState(requestId, RequestState.State.CREATED, userId, processedAt, null, List.of());
            // A cancellation is a change too: of the user's schedule.
            case CHANGED, CANCELLED ->
                    new RequestState(requestId, RequestState.State.CHANGED, userId, processedAt, null, List.of());
            case SCHEDULED -> new RequestState(requestId, RequestState.State.SCHEDULED, userId, processedAt,
                    scheduledFor(requestId), List.of());
            case FAILED, CHANGE_FAILED -> new RequestState(requestId, RequestState.State.FAILED, userId, processedAt,
                    null, jdbc.sql("select code, field, message from request_violation where request_id = :id order by position")
                            .param("id", requestId)
                            .query((rs, n) -> new RequestState.Error(rs.getString(1), rs.getString(2), rs.getString(3)))
                            .list());
        };
    }

    /** When a change accepted for later is (or was) due. */
    private @Nullable Instant scheduledFor(String requestId) {
        return jdbc.sql("select due_at from scheduled_change where request_id = :id")
                .param("id", requestId).query((rs, n) -> rs.getTimestamp(1).toInstant()).optional().orElse(null);
    }

    /**
     * The organisation a decided request was for: the created user's, or the one a rejected request
     * named ({@code null} when it named none, or for a request without a recorded outcome). Rejections
     * keep it only in their audit entry, written in the same transaction and at the same instant.
     */
    public @Nullable String requestOrganisation(String requestId) {
        return jdbc.sql("""
                        select coalesce(u.organisation_id, (select a.organisation_id from audit_entry a
                            where a.request_id = p.request_id and a.occurred_at = p.processed_at
                              and a.outcome = p.outcome order by a.id limit 1))
                        from processed_request p left join app_user u on u.id = p.user_id
                        where p.request_id = :id""")
                .param("id", requestId).query(String.class).list().stream().filter(Objects::nonNull).findFirst()
                .orElse(null);
    }

    /**
     * A page of the organisation's users matching the filter, newest first, after the user with id
     * {@code after} (the previous page's {@code next}); {@code limit} between 1 and {@value #MAX_PAGE_SIZE}.
     */
    public UserPage users(String organisationId, UserFilter filter, @Nullable UUID after, int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE_SIZE);
        }
        StringBuilder sql = new StringBuilder(USER_COLUMNS).append("where u.organisation_id = :organisation");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("organisation", organisationId);
        if (filter.department() != null) {
            sql.append(" and u.department_id = :department");
            params.put("department", filter.department());
        }
        if (filter.type() != null) {
            sql.append(" and u.user_type = :type");
            params.put("type", filter.type().name());
        }
        if (filter.status() != null) {
            sql.append(" and u.status = :status");
            params.put("status", filter.status().name());
        }
        if (filter.text() != null) {
            sql.append(" and (u.name ilike :text escape '\\' or u.email ilike :text escape '\\'")
                    .append(" or u.phone ilike :text escape '\\' or u.external_id ilike :text escape '\\'")
                    .append(" or c.username ilike :text escape '\\')");
            params.put("text", "%" + likeEscaped(filter.text()) + "%");
        }
        if (after != null) {
            sql.append(" and u.id < :after");
            params.put("after", after);
        }
        sql.append(" order by u.id desc limit :limit");
        params.put("limit", limit + 1);
        List<UserSummary> users = new ArrayList<>(jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> summary(rs)).list());
        if (users.size() <= limit) {
            return new UserPage(users, null);
        }
        users.removeLast();
        return new UserPage(users, users.getLast().userId().toString());
    }

    /** A user with its history and its scheduled changes, if there is such a user. */
    public Optional<UserDetail> user(UUID userId) {
        return jdbc.sql(USER_COLUMNS + "where u.id = :id").param("id", userId)
                .query((rs, n) -> summary(rs)).optional()
                .map(user -> new UserDetail(user, history(user), scheduledChanges.of(user.userId())));
    }

    /** The active organisations, by name. */
    public List<Choice> organisations() {
        return jdbc.sql("select id, name from organisation where active order by name, id")
                .query((rs, n) -> new Choice(rs.getString(1), rs.getString(2))).list();
    }

    /** The organisation's active departments, by name. */
    public List<Choice> departments(String organisationId) {
        return jdbc.sql("select id, name from department where organisation_id = :o and active order by name, id")
                .param("o", organisationId)
                .query((rs, n) -> new Choice(rs.getString(1), rs.getString(2))).list();
    }

    /** The organisation's active roles that allow the user type, by name. */
    public List<Choice> roles(String organisationId, UserType userType) {
        return jdbc.sql("""
                        select r.id, r.name from role r join role_user_type t on t.role_id = r.id
                        where r.organisation_id = :o and r.active and t.user_type = :type order by r.name, r.id""")
                .param("o", organisationId).param("type", userType.name())
                .query((rs, n) -> new Choice(rs.getString(1), rs.getString(2))).list();
    }

    private List<HistoryEntry> history(UserSummary user) {
        return jdbc.sql("""
                        select at, event, invitation_id, detail, by from (
                            select u.created_at as at, 0 as ord, 'CREATED' as event, null::uuid as invitation_id,
                                   u.login_method as detail,
                                   (select coalesce(a.requested_by || ' via ' || a.source, a.source) from audit_entry a
                                    where a.request_id = u.request_id and a.outcome = :created limit 1) as by
                            from app_user u where u.id = :id
                            union all
                            select i.created_at, 1, 'INVITED', i.id, i.locale, null from invitation i where i.user_id = :id
                            union all
                            select t.attempted_at, 2, case t.outcome when 'SENT' then 'SMS_SENT' else 'SMS_FAILED' end,
                                   t.invitation_id, t.provider || coalesce(': ' || t.detail, '') || ' (attempt ' || t.attempt || ')',
                                   null
                            from invitation_attempt t join invitation i on i.id = t.invitation_id where i.user_id = :id
                            union all
                            select i.closed_at, 3, case i.status when 'REDEEMED' then 'REGISTERED' else 'INVITATION_EXPIRED' end,
                                   i.id, null, null
                            from invitation i where i.user_id = :id and i.status in ('REDEEMED', 'EXPIRED') and i.closed_at is not null
                            union all
                            select a.occurred_at, 4, a.outcome, null, a.error_codes,
                                   coalesce(a.requested_by || ' via ' || a.source, a.source)
                            from audit_entry a
                            where a.user_id = :id and a.outcome in (:administered)
                        ) h order by at, ord""")
                .param("id", user.userId())
                .param("created", AuditOutcome.CREATED.name())
                .param("administered", ADMINISTERED.stream().map(AuditOutcome::name).toList())
                .query((rs, n) -> new HistoryEntry(rs.getTimestamp(1).toInstant(), rs.getString(2),
                        rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5)))
                .list();
    }

    private static UserSummary summary(ResultSet rs) throws SQLException {
        UUID invitationId = rs.getObject(19, UUID.class);
        return new UserSummary(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), UserType.valueOf(rs.getString(8)),
                LoginMethod.Kind.valueOf(rs.getString(9)), UserStatus.valueOf(rs.getString(10)), rs.getLong(11),
                rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16),
                rs.getString(17), rs.getTimestamp(18).toInstant(),
                invitationId == null ? null
                        : new UserSummary.Invitation(invitationId, rs.getString(20), rs.getTimestamp(21).toInstant()));
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
