package dk.care.provisioning.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The events not yet published: gauges {@code provisioning.outbox.backlog} and
 * {@code provisioning.outbox.oldest.age}, and health component {@code outbox}, DOWN when the oldest
 * unpublished event is older than {@code provisioning.outbox.health.max-age}. Events set aside
 * because they can never be published are not waiting for the relay and count apart: gauge
 * {@code provisioning.outbox.set.aside} and health detail {@code setAside}, for an operator to
 * act on. Read from the database, so every instance reports the outbox of all of them.
 */
@Component("outboxHealthIndicator")
public class OutboxBacklog extends AbstractHealthIndicator {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final OutboxHealthProperties properties;

    OutboxBacklog(JdbcClient jdbc, Clock clock, OutboxHealthProperties properties, MeterRegistry registry) {
        super("Outbox health check failed");
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        Gauge.builder("provisioning.outbox.backlog", this, backlog -> backlog.snapshot().size())
                .description("Outcome events written but not yet published to Kafka").register(registry);
        Gauge.builder("provisioning.outbox.oldest.age", this, backlog -> backlog.snapshot().oldestAge().toMillis() / 1000.0)
                .description("Age of the oldest unpublished outbox event (0 when none)").baseUnit("seconds")
                .register(registry);
        Gauge.builder("provisioning.outbox.set.aside", this, backlog -> backlog.snapshot().setAside())
                .description("Outbox events set aside because they can never be published; each needs an operator")
                .register(registry);
    }

    /** The backlog now, as the gauges and the health component report it. */
    public Snapshot snapshot() {
        return jdbc.sql("""
                        select count(*), min(created_at),
                               (select count(*) from outbox_message where sent_at is null and set_aside_at is not null)
                        from outbox_message where sent_at is null and set_aside_at is null""")
                .query((rs, n) -> {
                    Timestamp oldest = rs.getTimestamp(2);
                    Duration age = oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), Instant.now(clock));
                    return new Snapshot(rs.getLong(1), age.isNegative() ? Duration.ZERO : age, rs.getLong(3));
                })
                .single();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Snapshot snapshot = snapshot();
        builder.withDetail("backlog", snapshot.size())
                .withDetail("oldestAgeSeconds", snapshot.oldestAge().toSeconds())
                .withDetail("maxAgeSeconds", properties.maxAge().toSeconds())
                .withDetail("setAside", snapshot.setAside());
        if (snapshot.oldestAge().compareTo(properties.maxAge()) > 0) {
            builder.down();
        } else {
            builder.up();
        }
    }

    /** Unpublished events waiting for the relay, the age of the oldest, and those set aside. */
    public record Snapshot(long size, Duration oldestAge, long setAside) {
    }
}
