package dk.care.provisioning;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the user provisioning worker. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProvisioningWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProvisioningWorkerApplication.class, args);
    }
}
