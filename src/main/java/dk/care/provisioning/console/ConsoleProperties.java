package dk.care.provisioning.console;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The console: the {@code source} its requests carry, and how long publishing a request or a replay
 * may wait for the broker's acknowledgement before the page says it failed.
 */
@Validated
@ConfigurationProperties("provisioning.console")
record ConsoleProperties(
        @DefaultValue("admin-console") @NotBlank @Size(max = 100) String source,
        @DefaultValue("10s") Duration publishTimeout) {
}
