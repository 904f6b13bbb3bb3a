package dk.care.provisioning.invitation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gauge {@code provisioning.invitations} tagged {@code status}: invitations in the database per
 * status, across all instances. One grouped query serves all statuses and is reused for a few
 * seconds, so a scrape costs one query, not one per status.
 */
@Component
class InvitationMetrics {

    private static final Duration REUSE = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Counts counts = new Counts(Map.of(), Instant.MIN);

    InvitationMetrics(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        for (Invitation.Status status : Invitation.Status.values()) {
            Gauge.builder("provisioning.invitations", this, metrics -> metrics.count(status))
                    .tag("status", status.name())
                    .description("Invitations in the database, by status").register(registry);
        }
    }

    private long count(Invitation.Status status) {
        Counts current = counts;
        Instant now = Instant.now(clock);
        if (current.readAt().plus(REUSE).isBefore(now)) {
            current = new Counts(query(), now);
            counts = current;
        }
        return current.byStatus().getOrDefault(status.name(), 0L);
    }

    private Map<String, Long> query() {
        Map<String, Long> byStatus = new HashMap<>();
        jdbc.sql("select status, count(*) from invitation group by status")
                .query(rs -> {
                    byStatus.put(rs.getString(1), rs.getLong(2));
                });
        return byStatus;
    }

    private record Counts(Map<String, Long> byStatus, Instant readAt) {
    }
}
