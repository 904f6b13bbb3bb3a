package dk.care.provisioning.intake;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.apache.kafka.common.serialization.Deserializer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Back-off of the request consumer. Transient faults (database, registry, broker) are retried
 * without limit, doubling from {@code initialBackoff} up to {@code maxBackoff}, which must stay well
 * below the consumer's max.poll.interval.ms; other failures get {@code attempts} tries, then the
 * dead-letter topic. {@code valueDeserializer} reads the request values; it is configured with the
 * consumer's properties, so Confluent's {@code KafkaAvroDeserializer} can be swapped in here.
 */
@Validated
@ConfigurationProperties("provisioning.intake")
record IntakeProperties(
        @DefaultValue("200ms") Duration initialBackoff,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("3") @Min(1) int attempts,
        @DefaultValue("dk.care.provisioning.registry.ConfluentAvroDeserializer") @NotNull
        Class<? extends Deserializer<?>> valueDeserializer) {
}
