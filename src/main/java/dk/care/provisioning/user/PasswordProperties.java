package dk.care.provisioning.user;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Password rules; NIST SP 800-63B allows a minimum of 8, the worker defaults to 12. */
@Validated
@ConfigurationProperties("provisioning.passwords")
record PasswordProperties(@DefaultValue("12") @Min(8) @Max(128) int minLength) {
}
