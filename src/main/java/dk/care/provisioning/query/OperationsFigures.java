package dk.care.provisioning.query;

import dk.care.provisioning.access.OrganisationScope;
import dk.care.provisioning.audit.AuditOutcome;
import dk.care.provisioning.outbox.OutboxBacklog;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What operations watch, from the database every instance shares: requests per minute by outcome,
 * failures by code, the outbox backlog and invitations by status.
 */
@Component
@Transactional(readOnly = true)
public class OperationsFigures {

    private final JdbcClient jdbc;
    private final OutboxBacklog outbox;
    private final Clock clock;

    OperationsFigures(JdbcClient jdbc, OutboxBacklog outbox, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * The figures over the last {@code window}, per minute where they are a series, of the scope's
     * organisations; the outbox backlog, which belongs to no organisation, only for all organisations.
     */
    public Figures over(Duration window, OrganisationScope scope) {
        Instant since = Instant.now(clock).minus(window);
        if (scope.all()) {
            return new Figures(since, minutes(since), failures(since), outbox.snapshot(), invitations());
        }
        if (scope.organisations().isEmpty()) {
            return new Figures(since, List.of(), List.of(), null, List.of());
        }
        // A decided request's organisation is in its audit entry (same request, same instant); the
        // index on occurred_at keeps this to the window's entries.
        List<Minute> minutes = jdbc.sql("""
                        select date_trunc('minute', occurred_at), count(*) filter (where outcome = :created),
                               count(*) filter (where outcome = :failed)
                        from audit_entry where occurred_at >= :since and outcome in (:created, :failed)
                          and organisation_id in (:organisations)
                        group by 1 order by 1""")
                .param("since", Timestamp.from(since)).param("organisations", scope.organisations())
                .param("created", AuditOutcome.CREATED.name()).param("failed", AuditOutcome.FAILED.name())
                .query((rs, n) -> new Minute(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getLong(3)))
                .list();
        List<Count> failures = jdbc.sql("""
                        select v.code, count(*) from audit_entry a
                        join processed_request p on p.request_id = a.request_id and p.processed_at = a.occurred_at
                        join request_violation v on v.request_id = p.request_id
                        where a.occurred_at >= :since and a.outcome = :failed and p.outcome = a.outcome
                          and a.organisation_id in (:organisations)
                        group by v.code order by 2 desc, 1""")
                .param("since", Timestamp.from(since)).param("organisations", scope.organisations())
                .param("failed", AuditOutcome.FAILED.name())
                .query((rs, n) -> new Count(rs.getString(1), rs.getLong(2)))
                .list();
        List<Count> invitations = jdbc.sql("""
                        select i.status, count(*) from invitation i join app_user u on u.id = i.user_id
                        where u.organisation_id in (:organisations) group by i.status order by 2 desc, 1""")
                .param("organisations", scope.organisations())
                .query((rs, n) -> new Count(rs.getString(1), rs.getLong(2)))
                .list();
        return new Figures(since, minutes, failures, null, invitations);
    }

    private List<Minute> minutes(Instant since) {
        return jdbc.sql("""
                        select date_trunc('minute', processed_at), count(*) filter (where outcome = 'CREATED'),
                               count(*) filter (where outcome = 'FAILED')
                        from processed_request where processed_at >= :since group by 1 order by 1""")
                .param("since", Timestamp.from(since))
                .query((rs, n) -> new Minute(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getLong(3)))
                .list();
    }

    private List<Count> failures(Instant since) {
        return jdbc.sql("""
                        select v.code, count(*) from request_violation v
                        join processed_request p on p.request_id = v.request_id
                        where p.processed_at >= :since group by v.code order by 2 desc, 1""")
                .param("since", Timestamp.from(since))
                .query((rs, n) -> new Count(rs.getString(1), rs.getLong(2)))
                .list();
    }

    private List<Count> invitations() {
        return jdbc.sql("select status, count(*) from invitation group by status order by 2 desc, 1")
                .query((rs, n) -> new Count(rs.getString(1), rs.getLong(2)))
                .list();
    }

    /** The figures since {@code since}; no outbox backlog for a scope short of all organisations. */
    public record Figures(Instant since, List<Minute> minutes, List<Count> failuresByCode,
                          OutboxBacklog.@Nullable Snapshot outbox, List<Count> invitationsByStatus) {
    }

    /** Requests decided in one minute, by outcome. */
    public record Minute(Instant start, long created, long failed) {
    }

    /** How many of something. */
    public record Count(String name, long count) {
    }
}
