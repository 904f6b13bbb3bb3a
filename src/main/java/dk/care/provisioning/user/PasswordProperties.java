package dk.care.provisioning.user;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Password rules, and how many passwords are hashed at once; NIST SP 800-63B allows a minimum length
 * of 8, the worker defaults to 12. Zero hashing threads means one per core, as far as a quarter of
 * the heap holds Argon2id's memory cost for each.
 */
@Validated
@ConfigurationProperties("provisioning.passwords")
record PasswordProperties(@DefaultValue("12") @Min(8) @Max(128) int minLength,
                          @DefaultValue("0") @Min(0) @Max(64) int hashingThreads) {
}
