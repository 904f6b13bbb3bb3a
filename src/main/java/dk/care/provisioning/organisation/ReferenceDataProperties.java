package dk.care.provisioning.organisation;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * {@code provisioning.reference-data.import}: a YAML file imported at every start-up, before the
 * worker consumes requests; {@code exit-after-import} makes the run a one-shot command.
 */
@ConfigurationProperties("provisioning.reference-data")
record ReferenceDataProperties(@Name("import") Path file, @DefaultValue("false") boolean exitAfterImport) {
}
