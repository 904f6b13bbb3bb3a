package dk.care.provisioning.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long personal data and request records are kept (docs/retention.md): deactivated users are
 * erased {@code eraseAfter} their deactivation; the idempotency records of requests older than
 * {@code idempotencyWindow} are purged (a request re-sent after that is treated as new), except a
 * creation's, which stays with its user, and a pending scheduled change's; the outcome topics the
 * worker creates keep records for {@code outcomeTopics}. The job runs every {@code interval}, in
 * batches of {@code batchSize} rows per transaction.
 */
@Validated
@ConfigurationProperties("provisioning.retention")
public record RetentionProperties(
        @DefaultValue("90d") Duration eraseAfter,
        @DefaultValue("30d") Duration idempotencyWindow,
        @DefaultValue("30d") Duration outcomeTopics,
        @DefaultValue("1h") Duration interval,
        @DefaultValue("500") @Min(1) @Max(10_000) int batchSize) {
}
