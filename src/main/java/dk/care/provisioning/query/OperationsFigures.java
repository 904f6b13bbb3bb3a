package dk.care.provisioning.query;

import dk.care.provisioning.outbox.OutboxBacklog;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    /** The figures over the last {@code window}, per minute where they are a series. */
    public Figures over(Duration window) {
        Instant since = Instant.now(clock).minus(window);
        List<Minute> minutes = jdbc.sql("""
                        select date_trunc('minute', processed_at), count(*) filter (where outcome = 'CREATED'),
                               count(*) filter (where outcome = 'FAILED')
                        from processed_request where processed_at >= :since group by 1 order by 1""")
                .param("since", Timestamp.from(since))
                .query((rs, n) -> new Minute(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getLong(3)))
                .list();
        List<Count> failures = jdbc.sql("""
                        select v.code, count(*) from request_violation v
                        join processed_request p on p.request_id = v.request_id
                        where p.processed_at >= :since group by v.code order by 2 desc, 1""")
                .param("since", Timestamp.from(since))
                .query((rs, n) -> new Count(rs.getString(1), rs.getLong(2)))
                .list();
        List<Count> invitations = jdbc.sql("select status, count(*) from invitation group by status order by 2 desc, 1")
                .query((rs, n) -> new Count(rs.getString(1), rs.getLong(2)))
                .list();
        return new Figures(since, minutes, failures, outbox.snapshot(), invitations);
    }

    /** The figures since {@code since}. */
    public record Figures(Instant since, List<Minute> minutes, List<Count> failuresByCode,
                          OutboxBacklog.Snapshot outbox, List<Count> invitationsByStatus) {
    }

    /** Requests decided in one minute, by outcome. */
    public record Minute(Instant start, long created, long failed) {
    }

    /** How many of something. */
    public record Count(String name, long count) {
    }
}
