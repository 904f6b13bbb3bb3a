package dk.care.provisioning.dev;

import java.util.Map;

import dk.care.provisioning.ProvisioningWorkerApplication;

import org.springframework.boot.SpringApplication;

/**
 * The embedded default (docs/design.md §9): the worker with an embedded Kafka broker, PostgreSQL and
 * schema registry, demo reference data, and sample requests whose outcomes are printed.
 * Run with {@code ./mvnw spring-boot:test-run}.
 */
public final class LocalWorkerApplication {

    // The in-process broker and initdb log ~1,000 INFO lines at start-up, burying the worker's own
    // log. Kafka clients stay at INFO. Override with e.g.
    // -Dspring-boot.run.arguments=--logging.level.kafka=INFO (arguments beat system properties).
    private static final Map<String, String> QUIET_INFRASTRUCTURE = Map.of(
            "logging.level.kafka", "WARN",
            "logging.level.org.apache.kafka", "WARN",
            "logging.level.org.apache.kafka.clients", "INFO",
            "logging.level.io.zonky.test", "WARN");

    private LocalWorkerApplication() {
    }

    public static void main(String[] args) {
        // Only here, not in run(): tests keep the full infrastructure log for diagnosis.
        QUIET_INFRASTRUCTURE.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });
        run(args);
    }

    static SpringApplication.Running run(String... args) {
        return SpringApplication.from(ProvisioningWorkerApplication::main)
                .with(LocalInfrastructure.class, DemoConfiguration.class, DemoJweKeySet.class)
                .withAdditionalProfiles("local")
                .run(args);
    }
}
