package dk.care.provisioning.organisation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Reference data is read for every request but changes rarely, so lookups are cached; a change
 * (including a deactivation) takes effect within {@code cacheTtl} on every instance.
 */
@Validated
@ConfigurationProperties("provisioning.reference-data")
record ReferenceDataProperties(@DefaultValue("30s") Duration cacheTtl) {
}
