package dk.care.provisioning.lifecycle;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The scheduler of changes dated in the future: every {@code schedulerInterval} it applies the due
 * ones, up to {@code schedulerBatchSize} in a transaction (at once again while more are due), backing
 * off up to {@code schedulerMaxBackoff} while the database fails. A change is applied at most one
 * interval after its date.
 */
@Validated
@ConfigurationProperties("provisioning.lifecycle")
record LifecycleProperties(
        @DefaultValue("5s") Duration schedulerInterval,
        @DefaultValue("100") @Min(1) @Max(10_000) int schedulerBatchSize,
        @DefaultValue("30s") Duration schedulerMaxBackoff) {
}
