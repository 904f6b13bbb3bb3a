package dk.care.provisioning.invitation.sms;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The SMS provider and its protection: a rate limit and a circuit breaker ({@code provisioning.invitations.provider.*}). */
public record ProviderSettings(
        @DefaultValue("HTTP") Type type,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("10") @Min(1) int ratePerSecond,
        @DefaultValue("50") @Min(1) @Max(100) int failureRateThreshold,
        @DefaultValue("10") @Min(1) int minimumCalls,
        @DefaultValue("60s") Duration openDuration,
        @Valid @DefaultValue Http http,
        @Valid @DefaultValue Kafka kafka) {

    /** Which provider sends the SMS. */
    public enum Type { HTTP, KAFKA, LOG }

    /** An HTTP SMS gateway: JSON POST with a bearer token. */
    public record Http(@Nullable String url, @Nullable String authToken) {

        @Override
        public String toString() {
            return "Http[url=" + url + ", authToken=<redacted>]";
        }
    }

    /** A topic read by an external notification service. */
    public record Kafka(@DefaultValue("user-provisioning.sms.v1") @NotBlank String topic) {
    }
}
