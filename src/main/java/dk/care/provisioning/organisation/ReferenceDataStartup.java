package dk.care.provisioning.organisation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Runs the import of {@code provisioning.reference-data.import} after the migrations and before any
 * listener starts, so no request is judged against reference data about to change. An invalid file
 * fails the start-up. With {@code exit-after-import} the application then exits (status 0).
 */
@Component
class ReferenceDataStartup implements SmartInitializingSingleton, ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReferenceDataStartup.class);

    private final ReferenceDataImport importer;
    private final ReferenceDataProperties properties;
    private final ConfigurableApplicationContext context;

    ReferenceDataStartup(ReferenceDataImport importer, ReferenceDataProperties properties,
                         ConfigurableApplicationContext context) {
        this.importer = importer;
        this.properties = properties;
        this.context = context;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (properties.file() != null) {
            importer.importFile(properties.file());
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.exitAfterImport()) {
            log.info("Reference data imported; exiting (provisioning.reference-data.exit-after-import)");
            System.exit(SpringApplication.exit(context));
        }
    }
}
