package dk.care.provisioning.console;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the console's password sign-in, applied before any password is hashed: attempts per client
 * address and per account name in a sliding budget (each refills at its limit per {@code window}), how
 * many addresses and names are tracked at once (bounded memory under a flood), how many Argon2id
 * verifications run at once (each holds the hash's memory, 19 MiB by default), and how long an attempt
 * waits for one before it is turned away with 503.
 */
@Validated
@ConfigurationProperties("provisioning.console.sign-in")
record SignInProperties(
        @DefaultValue("20") @Min(1) int maxAttemptsPerAddress,
        @DefaultValue("10") @Min(1) int maxAttemptsPerAccount,
        @DefaultValue("15m") Duration window,
        @DefaultValue("10000") @Min(1) @Max(1_000_000) int maxTracked,
        @DefaultValue("2") @Min(1) @Max(64) int maxConcurrentVerifications,
        @DefaultValue("2s") Duration verificationWait) {
}
