package dk.care.provisioning.invitation;

import dk.care.provisioning.invitation.sms.ProviderSettings;
import dk.care.provisioning.security.NamedKeys;
import dk.care.provisioning.user.Language;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Invitations: how long a link stays valid (relatives and elderly users need days, not minutes),
 * which locales have an invitation text, how the token is kept until sent, how SMS are dispatched
 * and through which provider, how redemption is limited, and how often an invitation may be resent.
 */
@Validated
@ConfigurationProperties("provisioning.invitations")
record InvitationProperties(
        @DefaultValue("72h") Duration expiry,
        @DefaultValue("http://localhost:8080/register#") String baseUrl,
        @NotEmpty Set<String> locales,
        @Valid @DefaultValue TokenEncryption tokenEncryption,
        @Valid @DefaultValue Dispatch dispatch,
        @Valid @DefaultValue ProviderSettings provider,
        @Valid @DefaultValue Redemption redemption,
        @Valid @DefaultValue Admin admin) {

    InvitationProperties {
        // Unset, every user.Language: the default is that list itself, not a copy of it to keep in step.
        locales = locales == null ? Language.codes() : locales;
        if (!baseUrl.contains("#")) {
            throw new IllegalArgumentException("provisioning.invitations.base-url must contain '#' (e.g. "
                    + "https://register.example.org/#): the token follows it in the link, and a browser never sends "
                    + "what follows '#' to a server, so no server path, log or 404 page ever sees the token");
        }
    }

    /**
     * AES-256 keys ({@link NamedKeys}: key id and base64 of 32 bytes) that hold tokens until their SMS
     * is sent. The messages are what an operator reads when a setting is missing.
     */
    record TokenEncryption(
            @NotBlank(message = "set PROVISIONING_INVITATIONS_TOKEN_ENCRYPTION_KEYS to <key id>:<key>, the key from "
                    + "'openssl rand -base64 32', e.g. token-1:<key>")
            String keys,
            @NotBlank(message = "set PROVISIONING_INVITATIONS_TOKEN_ENCRYPTION_ACTIVE_KEY_ID to the key id in "
                    + "PROVISIONING_INVITATIONS_TOKEN_ENCRYPTION_KEYS that encrypts new tokens, e.g. token-1")
            String activeKeyId) {

        TokenEncryption {
            keys = keys == null ? "" : keys;
            activeKeyId = activeKeyId == null ? "" : activeKeyId;
        }

        Map<String, String> keysById() {
            return NamedKeys.parse(keys, "provisioning.invitations.token-encryption.keys");
        }

        // The record's generated toString would print every key.
        @Override
        public String toString() {
            return "TokenEncryption[keys=<redacted>, activeKeyId=" + activeKeyId + "]";
        }
    }

    /**
     * The dispatcher: how many invitations one instance claims and sends at once, how long a claim
     * lasts before another instance may retry it, and the retry schedule (exponential, jittered).
     */
    record Dispatch(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("20") @Min(1) @Max(1000) int batchSize,
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("2m") Duration lease,
            @DefaultValue("8") @Min(1) @Max(100) int maxAttempts,
            @DefaultValue("30s") Duration initialBackoff,
            @DefaultValue("30m") Duration maxBackoff,
            @DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double jitter,
            @DefaultValue("1m") Duration expiryInterval) {
    }

    /**
     * Limits of the redemption API: failed redemptions per token, requests per client address and
     * window (for at most {@code maxTrackedAddresses} addresses at once), and the request body size.
     */
    record Redemption(
            @DefaultValue("10") @Min(1) int maxFailuresPerToken,
            @DefaultValue("30") @Min(1) int maxRequestsPerAddress,
            @DefaultValue("10m") Duration addressWindow,
            @DefaultValue("100000") @Min(1) int maxTrackedAddresses,
            @DefaultValue("8KB") DataSize maxBodySize) {
    }

    /**
     * What the admin API may do with invitations: resends per user and day. The API's own settings
     * (clients, failed-token limit) are the {@code web} module's, under {@code provisioning.admin-api}.
     */
    record Admin(@DefaultValue("3") @Min(1) @Max(100) int maxResendsPerUserPerDay) {
    }
}
