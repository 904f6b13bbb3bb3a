package dk.care.provisioning;

import dk.care.provisioning.importer.ImportCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the user provisioning worker, and of its import command ({@code import …}). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProvisioningWorkerApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(ImportCommand.NAME)) {
            ImportCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(ProvisioningWorkerApplication.class, args);
    }
}
