package dk.care.provisioning.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.Map;

/**
 * {@code provisioning.security.*}. Key values are checked by {@link CprProtector} rather than by
 * annotations here, because a bind-validation failure report prints the offending value.
 */
@ConfigurationProperties("provisioning.security")
@Validated
record SecurityProperties(
        @DefaultValue("false") boolean allowPlaintextSecrets,
        @Valid @DefaultValue Jwe jwe,
        @Valid @DefaultValue Password password,
        @Valid @DefaultValue Cpr cpr) {

    /** Private keys for incoming JWE secrets; without a key set only plaintext (if allowed) is accepted. */
    record Jwe(@Nullable String keySetPath) {
    }

    /** Argon2id parameters; the minimums are OWASP's (docs/design.md §7), the maximums catch typos. */
    record Password(
            @DefaultValue("19456") @Min(19_456) @Max(4_194_304) int memoryKib,
            @DefaultValue("2") @Min(2) @Max(100) int iterations,
            @DefaultValue("1") @Min(1) @Max(64) int parallelism,
            @DefaultValue("16") @Min(16) @Max(64) int saltLength,
            @DefaultValue("32") @Min(32) @Max(128) int hashLength) {

        PasswordHasher.Parameters toParameters() {
            return new PasswordHasher.Parameters(memoryKib, iterations, parallelism, saltLength, hashLength);
        }
    }

    /**
     * CPR encryption keys ({@link NamedKeys}), the kid for new writes, the blind index key, and the
     * rows per transaction of the re-encryption command. The messages are what an operator reads
     * when a setting is missing, so they name the variable and where its value comes from.
     */
    record Cpr(
            @NotBlank(message = "set PROVISIONING_SECURITY_CPR_KEYS to <key id>:<key>, the key from "
                    + "'openssl rand -base64 32', e.g. cpr-1:<key>; CPRs encrypted under a key cannot be read without it")
            String keys,
            @NotBlank(message = "set PROVISIONING_SECURITY_CPR_ACTIVE_KEY_ID to the key id in "
                    + "PROVISIONING_SECURITY_CPR_KEYS that encrypts new CPRs, e.g. cpr-1")
            String activeKeyId,
            @NotBlank(message = "set PROVISIONING_SECURITY_CPR_BLIND_INDEX_KEY to a key of its own from "
                    + "'openssl rand -base64 32'; it can never change, since CPR uniqueness is checked with it")
            String blindIndexKey,
            @DefaultValue("500") @Min(1) @Max(10_000) int reencryptBatchSize) {

        Cpr {
            keys = keys == null ? "" : keys;
            activeKeyId = activeKeyId == null ? "" : activeKeyId;
            blindIndexKey = blindIndexKey == null ? "" : blindIndexKey;
        }

        Map<String, String> keysById() {
            return NamedKeys.parse(keys, "provisioning.security.cpr.keys");
        }

        // The record's generated toString would print every key.
        @Override
        public String toString() {
            return "Cpr[keys=<redacted>, activeKeyId=" + activeKeyId + ", blindIndexKey=<redacted>]";
        }
    }
}
