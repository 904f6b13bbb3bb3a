package dk.care.provisioning.outbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Tuning of the outbox relay. The relay is woken right after each commit; the poll interval only
 * bounds the delay for rows written by other instances or left by a crash.
 */
@Validated
@ConfigurationProperties("provisioning.outbox")
record OutboxProperties(
        @DefaultValue("500") @Min(1) @Max(10_000) int batchSize,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("30s") Duration sendTimeout,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("7d") Duration retention) {
}
