package dk.care.provisioning.organisation;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * {@code provisioning.reference-data.import}: a YAML file imported at every start-up, before the
 * worker consumes requests; {@code exit-after-import} makes the run a one-shot command. Lookups are
 * cached for {@code cache-ttl}: a change (a deactivation too) takes effect within it on every instance.
 */
@ConfigurationProperties("provisioning.reference-data")
record ReferenceDataProperties(@Name("import") @Nullable Path file, @DefaultValue("false") boolean exitAfterImport,
                               @DefaultValue("30s") Duration cacheTtl) {
}
